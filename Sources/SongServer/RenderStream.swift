import Foundation
import NIOCore
import SongSynth
import Synchronization

/// A render's audio as it is made, so a page can start playing the draft while the rest is still rendering: a
/// 16-bit stereo WAV whose header names the longest the render can last (its music and the longest release tail;
/// players stop where the data does), then the frames in order as the synth makes them. Every listener hears it
/// from the beginning, however late it comes. The finished file is scaled to its peak, which is known only at the
/// end, so the stream plays at the synth's own level times `gain` with a soft limit just below full scale instead.
final class RenderStream: AudioStreamSink {
    /// The level the stream plays at: about the gain that scaling to -1 dBFS gives a draft (5.4 to 11.4 on the
    /// demo songs and styles with TimGM6mb, FluidR3 at the low end), so the stream and the file sound about alike.
    static let gain: Float = 7

    /// At most this many listeners at once on one render (each is a response being written).
    static let maximumListeners = 16

    /// Why a stream stopped before its end.
    struct Stopped: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var chunks: [ByteBuffer] = []
        /// Interleaved samples not yet in a chunk.
        var pending: [Int16] = []
        var listeners: [Int: AsyncThrowingStream<ByteBuffer, any Error>.Continuation] = [:]
        var nextListener = 0
        var ended = false
        var failure: String?
        var frames = 0
    }

    private let state = Mutex(State())
    let sampleRate: Int
    let header: ByteBuffer

    /// A stream for a render of at most `maximumFrames` frames at `sampleRate`.
    init(sampleRate: Double, maximumFrames: Int) {
        self.sampleRate = Int(sampleRate)
        header = Self.header(sampleRate: Int(sampleRate), frames: maximumFrames)
    }

    /// The first chunk goes out after this many frames (a twentieth of a second), so the page hears something at
    /// once; later ones are larger, fewer writes for the same audio.
    static let firstChunkFrames = 2_048
    static let chunkFrames = 16_384

    // MARK: The render's side

    func receive(left: ArraySlice<Float>, right: ArraySlice<Float>) {
        let n = min(left.count, right.count)
        guard n > 0 else { return }
        state.withLock { s in
            guard !s.ended else { return }
            s.pending.reserveCapacity(s.pending.count + 2 * n)
            var l = left.startIndex, r = right.startIndex
            for _ in 0..<n {
                s.pending.append(Self.sample(left[l]))
                s.pending.append(Self.sample(right[r]))
                l += 1
                r += 1
            }
            s.frames += n
            let wanted = s.chunks.isEmpty ? Self.firstChunkFrames : Self.chunkFrames
            if s.pending.count >= 2 * wanted { Self.flush(&s) }
        }
    }

    /// The render is done: what is left goes out, and every listener's response ends.
    func end() { close(failure: nil) }

    /// The render failed: every listener's response stops short with an error, so the browser sees a broken
    /// download rather than a short song (and the page, asking for the job, is told why).
    func fail(_ reason: String) { close(failure: reason) }

    private func close(failure: String?) {
        let listeners = state.withLock { s -> [AsyncThrowingStream<ByteBuffer, any Error>.Continuation] in
            guard !s.ended else { return [] }
            if failure == nil { Self.flush(&s) }
            s.ended = true
            s.failure = failure
            defer { s.listeners = [:] }
            return Array(s.listeners.values)
        }
        for listener in listeners {
            if let failure { listener.finish(throwing: Stopped(description: failure)) } else { listener.finish() }
        }
    }

    // MARK: The listeners' side

    /// The stream from its beginning, then the rest as it is made; nil when too many are listening already.
    func listen() -> AsyncThrowingStream<ByteBuffer, any Error>? {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let outcome = state.withLock { s -> (ended: Bool, failure: String?)? in
            guard s.listeners.count < Self.maximumListeners else { return nil }
            // Yielded under the lock, so the render's next chunk cannot overtake these.
            continuation.yield(header)
            for chunk in s.chunks { continuation.yield(chunk) }
            if s.ended { return (true, s.failure) }
            let id = s.nextListener
            s.nextListener += 1
            s.listeners[id] = continuation
            continuation.onTermination = { [weak self] _ in self?.stopListening(id) }
            return (false, nil)
        }
        guard let outcome else { return nil }
        if outcome.ended {
            if let failure = outcome.failure { continuation.finish(throwing: Stopped(description: failure)) } else { continuation.finish() }
        }
        return stream
    }

    /// A listener went away (the page closed, or moved on): the render goes on for the cache.
    private func stopListening(_ id: Int) {
        _ = state.withLock { $0.listeners.removeValue(forKey: id) }
    }

    /// How many are listening now, and how many frames have been made (for tests and the status).
    var listening: Int { state.withLock { $0.listeners.count } }
    var frames: Int { state.withLock { $0.frames } }

    // MARK: Bytes

    private static func flush(_ s: inout State) {
        guard !s.pending.isEmpty else { return }
        var chunk = ByteBuffer()
        chunk.reserveCapacity(2 * s.pending.count)
        for v in s.pending { chunk.writeInteger(v, endianness: .little) }
        s.pending.removeAll(keepingCapacity: true)
        s.chunks.append(chunk)
        for listener in s.listeners.values { listener.yield(chunk) }
    }

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
