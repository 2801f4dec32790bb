import Foundation
import NIOCore
import SongSynth
import Testing
@testable import SongServer

/// The stream a page plays a draft from while it renders: every listener hears it all from the start, in order;
/// a render's end ends every response and a failure breaks them; listeners that leave go without a trace.
@Suite struct RenderStreamTests {
    /// A sine at the synth's own level (peak 0.1, as FluidSynth's drafts come out), `frames` long.
    static func tone(_ frames: Int, from start: Int = 0) -> [Float] {
        (0..<frames).map { Float(0.1 * sin(Double(start + $0) * 2 * .pi * 440 / 44_100)) }
    }

    static func bytes(_ listener: RenderStream.Listener) async throws -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try await listener.next() { all += chunk.readableBytesView }
        return all
    }

    @Test func everyListenerHearsTheWholeStreamFromTheStartInOrder() async throws {
        let stream = RenderStream(sampleRate: 44_100, maximumFrames: 100_000)
        let early = try #require(stream.listen())
        // The render sends blocks of 512 frames, as FluidSynth makes them.
        var sent = 0
        for _ in 0..<40 {
            let block = Self.tone(512, from: sent)
            stream.receive(left: block[...], right: block.map { -$0 }[...])
            sent += 512
            if sent == 512 * 20 { #expect(stream.frames == sent) }
        }
        // One listener reads as the render goes (waiting for it), the other comes late.
        let reading = Task { try await Self.bytes(early) }
        let late = try #require(stream.listen())
        for _ in 0..<10 {
            let block = Self.tone(512, from: sent)
            stream.receive(left: block[...], right: block.map { -$0 }[...])
            sent += 512
        }
        stream.end()
        let a = try await reading.value, b = try await Self.bytes(late)
        #expect(a == b)
        #expect(a.count == 44 + sent * 4)
        #expect(Array(a[0..<4]) == Array("RIFF".utf8) && Array(a[8..<16]) == Array("WAVEfmt ".utf8) && Array(a[36..<40]) == Array("data".utf8))
        // The header names the longest the render can be, not what was sent.
        let dataBytes = a[40..<44].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(dataBytes == 100_000 * 4)
        // Each frame is the synth's sample at the stream's level, left then right, little-endian.
        let all = Self.tone(sent)
        for frame in [0, 1, 513, 7_000, sent - 1] {
            let at = 44 + frame * 4
            let left = Int16(bitPattern: UInt16(a[at]) | UInt16(a[at + 1]) << 8), right = Int16(bitPattern: UInt16(a[at + 2]) | UInt16(a[at + 3]) << 8)
            #expect(left == RenderStream.sample(all[frame]) && right == RenderStream.sample(-all[frame]), "frame \(frame)")
        }
        // One who comes after the end hears it all too.
        #expect(try await Self.bytes(try #require(stream.listen())) == a)
    }

    @Test func aFailedRenderBreaksEveryResponseAndTheLateOnesToo() async throws {
        let stream = RenderStream(sampleRate: 44_100, maximumFrames: 50_000)
        let listener = try #require(stream.listen())
        let block = Self.tone(4_096)
        stream.receive(left: block[...], right: block[...])
        stream.fail("FluidSynth could not render the audio")
        await #expect(throws: RenderStream.Stopped.self) { _ = try await Self.bytes(listener) }
        await #expect(throws: RenderStream.Stopped.self) { _ = try await Self.bytes(try #require(stream.listen())) }
        // Nothing more goes out after the end.
        stream.receive(left: block[...], right: block[...])
        #expect(stream.frames == 4_096)
    }

    @Test func listenersAreBoundedAndOneThatLeavesIsForgotten() async throws {
        let stream = RenderStream(sampleRate: 44_100, maximumFrames: 50_000)
        var listeners = (0..<RenderStream.maximumListeners).compactMap { _ in stream.listen() }
        #expect(listeners.count == RenderStream.maximumListeners)
        #expect(stream.listen() == nil)
        // A page that goes away mid-stream: its response ends, and with it its place.
        let leaving = listeners.removeLast()
        #expect(try await leaving.next()?.readableBytes == 44)
        _ = consume leaving
        #expect(stream.listening == RenderStream.maximumListeners - 1)
        #expect(stream.listen() != nil)
        stream.end()
        for listener in listeners { #expect(try await Self.bytes(listener).count == 44) }
    }

    /// Below the knee the stream is the synth's level times the gain; above, it bends below full scale and keeps
    /// rising, so a loud song never clips and a louder moment still sounds louder.
    @Test func theLevelIsScaledAndSoftlyLimited() {
        #expect(RenderStream.sample(0) == 0)
        #expect(RenderStream.sample(0.05) == Int16((0.05 * RenderStream.gain * 32_767).rounded()))
        #expect(RenderStream.sample(-0.05) == -RenderStream.sample(0.05))
        var last: Int16 = 0
        for x in stride(from: Float(0), through: 2, by: 0.01) {
            let y = RenderStream.sample(x)
            #expect(y >= last && y <= Int16(0.99 * 32_767) + 1, "\(x) → \(y)")
            last = y
        }
        #expect(RenderStream.sample(1) > RenderStream.sample(0.2))
    }
}
