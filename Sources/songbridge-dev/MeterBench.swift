import ArgumentParser
import Foundation
import SongCore
import SongTesting
import SongText
import Transcription

/// `songbridge-dev meters`: how often the transcriber hears the right meter when it is not told one, on real tunes
/// (O'Neill's 1850 and Ryan's Mammoth Collection, from the corpus setup fetches) in 2/4, 3/4, 4/4 and 6/8, played
/// as a person would sing them: at a steady beat with its onsets up to 25 ms early or late, legato. Prints how each
/// meter was heard (two beats a bar is written as four, so 2/4 heard as 4/4 is right).
struct MeterBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meters", abstract: "The meter heard in real tunes played without one.")
    @Option(help: "Tunes of each meter.") var count = 150

    func run() throws {
        let meters = [Meter(2, 4), Meter(3, 4), Meter(4, 4), Meter(6, 8)]
        var found: [Meter: [Melody]] = [:]
        for folder in [ABCCorpus.oneills, Fixtures.root.appendingPathComponent(".corpus/ryansMammoth")] {
            for tune in try ABCCorpus.tunes(ofCollection: folder) {
                guard let parsed = try? ABCReader.read(tune.text).value.tunes.first, meters.contains(parsed.melody.meter),
                      found[parsed.melody.meter, default: []].count < count, parsed.melody.notes.count >= 16 else { continue }
                found[parsed.melody.meter, default: []].append(parsed.melody)
            }
        }
        var right = 0, total = 0
        for meter in meters {
            var heard: [String: Int] = [:]
            for (i, melody) in (found[meter] ?? []).enumerated() {
                // The meter's beat at 100 a minute (a dotted quarter in 6/8).
                let notes = melody.sungTiming(beatSeconds: 0.6, seed: UInt64(i)).map {
                    TranscribedNote(onset: $0.onset, offset: $0.offset, midiNote: $0.midiNumber, cents: Double($0.midiNumber * 100), confidence: 1)
                }
                let transcription = Transcription(notes: notes, tuningCents: 0, seconds: notes.last?.offset ?? 0)
                let estimated = transcription.estimatedMeter(tempo: transcription.estimatedTempo())
                heard[estimated.description, default: 0] += 1
                let wanted = meter == Meter(2, 4) ? Meter.fourFour : meter
                if estimated == wanted { right += 1 }
                total += 1
            }
            print("\(meter.description.padding(toLength: 4, withPad: " ", startingAt: 0)) (\(found[meter]?.count ?? 0) tunes) heard as " + heard.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        print(String(format: "meter heard right: %d of %d (%.1f%%)", right, total, Double(right) / Double(max(1, total)) * 100))
    }
}
