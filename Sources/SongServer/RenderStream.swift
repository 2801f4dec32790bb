import Foundation
import NIOCore
import SongSynth
import Synchronization

/// A render's audio as it is made, so a page can start playing the draft while the rest is still rendering: a
/// 16-bit stereo WAV whose header names the longest the render can last (its music and the longest release tail;
/// players stop where the data does), then the frames in order as the synth makes them. Every listener hears it
/// from the beginning, however late it comes. The render only copies its frames in (a block at a time); they are
/// made 16-bit a chunk at a time when a listener first asks for that chunk, so a render nobody listens to costs
/// almost nothing more. The finished file is scaled to its peak, known only at the end, so the stream plays at the
/// synth's own level times `gain`, with a soft limit just below full scale.
final class RenderStream: AudioStreamSink {
    /// The level the stream plays at: about the gain that scaling to -1 dBFS gives a draft (5.4 to 11.4 on the
    /// demo songs and styles with TimGM6mb, FluidR3 at the low end), so the stream and the file sound about alike.
    static let gain: Float = 7

    /// At most this many listeners at once on one render (each is a response being written).
    static let maximumListeners = 16

    /// Frames a chunk: about a fifth of a second, made in a few milliseconds, so the first is heard at once.
    static let chunkFrames = 8_192

    /// Why a stream stopped before its end.
    struct Stopped: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var left: [Float] = []
        var right: [Float] = []
        /// Chunks already made 16-bit, by number.
        var made: [Int: ByteBuffer] = [:]
        var waiting: [CheckedContinuation<Void, Never>] = []
        var listeners = 0
        var ended = false
        var failure: String?
    }

    private let state = Mutex(State())
    let header: ByteBuffer

    /// A stream for a render of at most `maximumFrames` frames at `sampleRate`.
    init(sampleRate: Double, maximumFrames: Int) {
        header = Self.header(sampleRate: Int(sampleRate), frames: maximumFrames)
    }

    // MARK: The render's side

    func receive(left: ArraySlice<Float>, right: ArraySlice<Float>) {
        let n = min(left.count, right.count)
        guard n > 0 else { return }
        let waiting = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard !s.ended else { return [] }
            let before = s.left.count / Self.chunkFrames
            s.left.append(contentsOf: left.prefix(n))
            s.right.append(contentsOf: right.prefix(n))
            guard s.left.count / Self.chunkFrames > before else { return [] }
            defer { s.waiting = [] }
            return s.waiting
        }
        for w in waiting { w.resume() }
    }

    /// The render is done: listeners hear the rest, and their responses end.
    func end() { close(failure: nil) }

    /// The render failed: every listener's response stops short with an error, so the browser sees a broken
    /// download rather than a short song (and the page, asking for the job, is told why).
    func fail(_ reason: String) { close(failure: reason) }

    private func close(failure: String?) {
        let waiting = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard !s.ended else { return [] }
            s.ended = true
            s.failure = failure
            defer { s.waiting = [] }
            return s.waiting
        }
        for w in waiting { w.resume() }
    }

    // MARK: The listeners' side

    /// A listener's place in the stream, from its beginning; nil when too many are listening already. Each call
    /// to `next()` gives the next bytes (the header first), waiting for the render as need be; nil at the end.
    func listen() -> Listener? {
        let admitted = state.withLock { s -> Bool in
            guard s.listeners < Self.maximumListeners else { return false }
            s.listeners += 1
            return true
        }
        return admitted ? Listener(stream: self) : nil
    }

    final class Listener: Sendable {
        let stream: RenderStream
        private let position = Mutex(-1)   // -1: the header is next

        init(stream: RenderStream) { self.stream = stream }
        deinit { stream.state.withLock { $0.listeners -= 1 } }

        func next() async throws -> ByteBuffer? {
            let at = position.withLock { p -> Int in
                defer { p += 1 }
                return p
            }
            if at < 0 { return stream.header }
            return try await stream.chunk(at)
        }
    }

    /// Chunk `index` as 16-bit bytes, waiting until the render has made it; nil past the end.
    private func chunk(_ index: Int) async throws -> ByteBuffer? {
        while true {
            enum Next { case ready(ByteBuffer), convert(ArraySlice<Float>, ArraySlice<Float>), end, failed(String), wait }
            let next = state.withLock { s -> Next in
                if let made = s.made[index] { return .ready(made) }
                let from = index * Self.chunkFrames, to = min(s.left.count, from + Self.chunkFrames)
                if to - from == Self.chunkFrames || (s.ended && s.failure == nil && to > from) {
                    return .convert(s.left[from..<to], s.right[from..<to])
                }
                if let failure = s.failure { return .failed(failure) }
                return s.ended ? .end : .wait
            }
            switch next {
            case .ready(let bytes): return bytes
            case .end: return nil
            case .failed(let why): throw Stopped(description: why)
            case .convert(let left, let right):
                var bytes = ByteBuffer()
                bytes.reserveCapacity(4 * left.count)
                for (l, r) in zip(left, right) {
                    bytes.writeInteger(Self.sample(l), endianness: .little)
                    bytes.writeInteger(Self.sample(r), endianness: .little)
                }
                let kept = bytes
                state.withLock { $0.made[index] = kept }
                return bytes
            case .wait:
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    let now = state.withLock { s -> Bool in
                        // Ready or over since we looked: go round again at once.
                        if s.ended || s.left.count >= (index + 1) * Self.chunkFrames { return true }
                        s.waiting.append(c)
                        return false
                    }
                    if now { c.resume() }
                }
            }
        }
    }

    /// How many are listening now, and how many frames have been made (for tests).
    var listening: Int { state.withLock { $0.listeners } }
    var frames: Int { state.withLock { $0.left.count } }

    // MARK: Bytes

    /// One sample at the stream's level, softly limited: below 0.8 it is only scaled; above, it bends towards 0.99
    /// (a tanh knee), so a song louder than most never clips.
    static func sample(_ x: Float) -> Int16 {
        let y = x * gain
        let a = abs(y), knee: Float = 0.8, room: Float = 0.99 - 0.8
        let limited = a <= knee ? a : knee + room * Float(tanh(Double((a - knee) / room)))
        return Int16((limited * 32_767).rounded()) * (y < 0 ? -1 : 1)
    }

    /// A 44-byte RIFF/WAVE header for 16-bit stereo PCM of `frames` frames (Microsoft's WAVE format: RIFF size,
    /// a `fmt ` chunk of 16 bytes, then the `data` chunk's size).
    static func header(sampleRate: Int, frames: Int) -> ByteBuffer {
        let dataBytes = UInt32(clamping: frames * 4)
        var b = ByteBuffer()
        b.writeString("RIFF")
        b.writeInteger(UInt32(clamping: 36 + Int(dataBytes)), endianness: .little)
        b.writeString("WAVEfmt ")
        b.writeInteger(UInt32(16), endianness: .little)
        b.writeInteger(UInt16(1), endianness: .little)            // PCM
        b.writeInteger(UInt16(2), endianness: .little)            // stereo
        b.writeInteger(UInt32(sampleRate), endianness: .little)
        b.writeInteger(UInt32(sampleRate * 4), endianness: .little) // bytes a second
        b.writeInteger(UInt16(4), endianness: .little)            // bytes a frame
        b.writeInteger(UInt16(16), endianness: .little)           // bits a sample
        b.writeString("data")
        b.writeInteger(dataBytes, endianness: .little)
        return b
    }
}
