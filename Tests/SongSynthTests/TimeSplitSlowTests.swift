import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// Rendering in two parts of time (`RenderOptions.splitting = .time`) against one synth driven the same way for
/// the whole song.
@Suite struct TimeSplitSlowTests {
    static let font = try? SoundFontLibrary().choose("TimGM6mb")

    func midi(_ songFile: String, style: String, tempoScale: Double = 1) throws -> MIDIFile {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(songFile).path).songs.first)
        return MIDIFile(performance: try Arranger.perform(song, options: ArrangementOptions(style: style, tempoScale: tempoScale)))
    }

    /// RMS of the difference over RMS of the reference, over a range of frames.
    static func residual(_ a: AudioBuffer, _ b: AudioBuffer, _ range: Range<Int>) -> Double {
        var diff = 0.0, ref = 0.0
        for i in range {
            let d = Double(a.left[i] - b.left[i]), e = Double(a.right[i] - b.right[i])
            diff += d * d + e * e
            ref += Double(a.left[i]) * Double(a.left[i]) + Double(a.right[i]) * Double(a.right[i])
        }
        return ref > 0 ? (diff / ref).squareRoot() : 0
    }

    @Test(arguments: [("the-tide-comes-in.cho", "folk"), ("the-pavilion-waltz.cho", "waltz"), ("haul-away-for-stonehaven.cho", "shanty")])
    func twoPartsSoundLikeOneSynth(song: String, style: String) async throws {
        let file = try midi(song, style: style, tempoScale: 0.6)
        let font = try #require(Self.font)
        // The reference: one synth driven the same way, not normalised, so levels compare directly.
        var one = RenderOptions(soundFont: font, normalizePeak: nil, parallelism: 1)
        one.splitting = .time
        var two = one
        two.parallelism = 2
        let events = SequencedEvents(file, sampleRate: one.sampleRate)
        let plan = try #require(TimeSplit(events, sampleRate: one.sampleRate))
        #expect(plan.start % TimeSplit.grid(sampleRate: one.sampleRate) == 0 && plan.start <= plan.notesFrom)
        #expect(plan.notesFrom <= plan.join - Int(TimeSplit.preRoll * one.sampleRate))
        let reference = try await Renderer.render(file, options: one).audio
        let split = try await Renderer.render(file, options: two).audio

        // Up to the join it is the same synth playing the same events: the same samples.
        #expect(Array(split.left[0..<plan.join]) == Array(reference.left[0..<plan.join]))
        // Then the second synth, whose notes land on the same frames; only the reverb's memory of the music before
        // its start is missing, and after the pre-roll that is far below hearing (a residual of 1e-3 is -60 dB).
        let frames = min(reference.frameCount, split.frameCount)
        #expect(abs(reference.frameCount - split.frameCount) < Int(one.sampleRate / 10))
        let after = Self.residual(reference, split, plan.join..<frames)
        #expect(after < 1e-3, "\(song): after the join the parts differ from one synth by \(after)")
        let around = Self.residual(reference, split, (plan.join - 4_410)..<(plan.join + 4_410))
        #expect(around < 1e-3, "\(song): around the join \(around)")
    }

    @Test func shortSongsAreNotSplit() throws {
        let file = try midi("the-tide-comes-in.cho", style: "basic", tempoScale: 4)
        let events = SequencedEvents(file, sampleRate: 44_100)
        #expect(Double(events.endFrame) / 44_100 < TimeSplit.shortest)
        #expect(TimeSplit(events, sampleRate: 44_100) == nil)
    }

    /// Driven by Songbridge, each note starts on the frame its tick falls on; FluidSynth's own player starts each
    /// a block (64 frames, 1.5 ms) later and times notes in whole milliseconds. The same music either way: lined up
    /// by that block, the loudness, 50 ms at a time, agrees (chorus off: split renders run it at 0.25 Hz).
    @Test func drivenFrameExactlyItIsTheSameMusicAsFluidSynthsPlayerPlays() async throws {
        let file = try midi("hush-the-harbour-sleeps.cho", style: "ballad")
        let font = try #require(Self.font)
        var options = RenderOptions(soundFont: font, chorus: false, normalizePeak: nil, parallelism: 1)
        let player = try await Renderer.render(file, options: options).audio
        options.splitting = .time
        let driven = try await Renderer.render(file, options: options).audio
        // The lag that lines them up best, over a second in the middle of the song.
        let middle = player.frameCount / 2
        let lags = (-256...256).map { lag -> (Int, Double) in
            (lag, stride(from: 0, to: 44_100, by: 2).reduce(0.0) { $0 + Double(player.left[middle + $1]) * Double(driven.left[middle + $1 - lag]) })
        }
        let lag = try #require(lags.max { $0.1 < $1.1 }?.0)
        #expect(abs(lag - 64) <= 2, "the player is \(lag) frames behind")
        let window = Int(options.sampleRate / 20)
        func envelope(_ a: AudioBuffer, from: Int) -> [Double] {
            stride(from: from, to: a.frameCount - window, by: window).map { s in
                (a.left[s..<(s + window)].reduce(0.0) { $0 + Double($1 * $1) } / Double(window)).squareRoot()
            }
        }
        let a = envelope(player, from: lag), b = envelope(driven, from: 0)
        let count = Int(file.durationSeconds * 20)
        #expect(a.count >= count && b.count >= count)
        let difference = zip(a.prefix(count), b.prefix(count)).reduce(0.0) { $0 + abs($1.0 - $1.1) }
        let level = a.prefix(count).reduce(0, +)
        #expect(difference / level < 0.05, "the loudness differs by \(Int(difference / level * 100))%")
    }
}
