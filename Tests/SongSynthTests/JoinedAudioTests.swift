import Arrangement
import Foundation
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// The parts of a time-split render that need no synth: the plan, the halves joined as they are read, and the
/// 16-bit conversion the WAV writer makes.
@Suite struct JoinedAudioTests {
    /// A stereo buffer of a decaying sine (its own frequency per channel), silent after `sounding` frames.
    static func tone(frames: Int, sounding: Int, seed: Float) -> AudioBuffer {
        var buffer = AudioBuffer(sampleRate: 44_100)
        buffer.left = (0..<frames).map { i in i < sounding ? 0.8 * sin(Float(i) * 0.031 * seed) * exp(-Float(i) / Float(sounding)) : 0 }
        buffer.right = (0..<frames).map { i in i < sounding ? 0.6 * cos(Float(i) * 0.017 * seed) * exp(-Float(i) / Float(sounding)) : 0 }
        return buffer
    }

    @Test func theHalvesReadAsTheJoinedScaledAndEndedAudio() {
        let first = Self.tone(frames: 30_000, sounding: 30_000, seed: 1)
        let second = Self.tone(frames: 50_000, sounding: 20_000, seed: 1.3)
        let join = 25_000, offset = 6_000, fade = 441
        let fadeLeft = (0..<fade).map { i in first.left[join + i] * (1 - Float(i) / Float(fade)) + second.left[offset + i] * Float(i) / Float(fade) }
        let fadeRight = (0..<fade).map { i in first.right[join + i] * (1 - Float(i) / Float(fade)) + second.right[offset + i] * Float(i) / Float(fade) }
        let gain: Float = 1.7
        // What the render did before: one joined buffer, scaled, then ended at the silence.
        var expected = AudioBuffer(sampleRate: 44_100)
        expected.left = Array(first.left[0..<join]) + fadeLeft + Array(second.left[(offset + fade)...])
        expected.right = Array(first.right[0..<join]) + fadeRight + Array(second.right[(offset + fade)...])
        expected.scale(by: gain)
        expected.endWhenSilent()
        #expect(expected.frameCount < join + second.frameCount - offset, "the test's tail should be trimmed")

        let joined = JoinedAudio(first: first, second: second, fadeLeft: fadeLeft, fadeRight: fadeRight, join: join, offset: offset, gain: gain, endWhenSilent: true)
        #expect(joined.frameCount == expected.frameCount)
        #expect(joined.buffer == expected)
        // Read in stretches that start and end inside each part, the crossfade and the final fade.
        var left = [Float](repeating: .nan, count: 1_000), right = [Float](repeating: .nan, count: 1_000)
        for start in stride(from: 0, to: joined.frameCount, by: 997) {
            let range = start..<min(joined.frameCount, start + 1_000)
            left.withUnsafeMutableBufferPointer { l in right.withUnsafeMutableBufferPointer { r in joined.copyFrames(range, left: l, right: r) } }
            #expect(Array(left[0..<range.count]) == Array(expected.left[range]), "frames \(range)")
            #expect(Array(right[0..<range.count]) == Array(expected.right[range]), "frames \(range)")
        }
        // Not ending at the silence: every frame, scaled.
        let whole = JoinedAudio(first: first, second: second, fadeLeft: fadeLeft, fadeRight: fadeRight, join: join, offset: offset, gain: gain, endWhenSilent: false)
        #expect(whole.frameCount == join + second.frameCount - offset)
        #expect(whole.buffer.left.last == 0 && whole.buffer.left[join - 1] == first.left[join - 1] * gain)
    }

    @Test func sixteenBitSamplesAreWhatTheScalarConversionMakes() {
        // Ties (k + 0.5 after scaling), both ends and beyond, tiny values and a count that is not a multiple of 8.
        var samples: [Float] = [0, -0, 1, -1, 1.5, -1.5, 2, -7, 1e-9, -1e-9, 0.5 / 32_767, -0.5 / 32_767, 1.5 / 32_767, -2.5 / 32_767]
        samples += (0..<2_000).map { i in Float(i - 1_000) / 997 }
        samples += (0..<2_001).map { i in sin(Float(i) * 0.37) * 1.01 }
        let left = samples, right = samples.reversed().map { $0 * 0.9 }
        var out = [Int16](repeating: 0, count: 2 * samples.count)
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in out.withUnsafeMutableBufferPointer { AudioFileWriter.pcm16Interleaved(l, r, samples.count, into: $0) } }
        }
        for i in samples.indices {
            #expect(out[2 * i] == AudioFileWriter.pcm16(left[i]), "left \(left[i])")
            #expect(out[2 * i + 1] == AudioFileWriter.pcm16(right[i]), "right \(right[i])")
        }
        #expect(AudioFileWriter.pcm16(0.5 / 32_767) == 0 && AudioFileWriter.pcm16(1.5 / 32_767) == 2, "ties go to even")
    }

    /// The plan for a three-minute song: the second synth starts on the grid, plays every note still heard at the
    /// join, has its pre-roll, and the two synths' estimated costs are within 1.5 s of audio of each other.
    @Test func theSplitGivesBothSynthsTheSameWork() throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        let midi = MIDIFile(performance: try Arranger.perform(song, options: ArrangementOptions(style: "folk", tempoScale: 0.5)))
        let rate = 44_100.0
        let events = SequencedEvents(midi, sampleRate: rate)
        let plan = try #require(TimeSplit(events, sampleRate: rate))
        #expect(plan.start % TimeSplit.grid(sampleRate: rate) == 0)
        #expect(plan.start <= plan.notesFrom && plan.notesFrom <= plan.join - Int(TimeSplit.preRoll * rate))
        let release = Int(TimeSplit.release * rate)
        #expect(events.notes.allSatisfy { !($0.on < plan.join && $0.off > plan.join - release) || $0.on >= plan.notesFrom })
        let first = Double(plan.join)
        let second = Double(plan.notesFrom - plan.start) * TimeSplit.quietCost + Double(events.endFrame - plan.notesFrom)
        #expect(abs(first - second) < 1.5 * rate, "first \(first) frames against second \(second)")
        // Here the second synth's notes begin after its grid line: the join is where the work balances, not where the
        // grid puts it.
        #expect(plan.notesFrom > plan.start)
    }
}
