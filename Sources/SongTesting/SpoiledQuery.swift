import Foundation
import MelodicSearch

/// Queries for judging a melodic search, made as the issue asks: a passage of a tune, sung in another key and at
/// another speed, with a tenth of its notes a semitone or a tone off, one note left out or put in, and (when asked)
/// every note the same length. Shared by the accuracy bench (`songbridge-dev tune-search`) and the tests.
public enum SpoiledQuery {
    /// `count` notes from `start` of a shape, rebuilt as pitches and times (from middle C, a quarter for a 0 rhythm
    /// step at the start).
    public static func notes(of shape: TuneShape, start: Int, count: Int) -> [TuneShape.Note] {
        var pitch = 60, onset = 0.0, ioi = 1.0
        var out = [TuneShape.Note(pitch: pitch, onset: 0, length: 1)]
        for k in start..<(start + count - 1) {
            pitch += Int(shape.intervals[k])
            if k > start { ioi *= pow(2, Double(shape.rhythm[k - 1]) / 2) }
            onset += ioi
            out.append(TuneShape.Note(pitch: pitch, onset: onset, length: ioi))
        }
        return out
    }

    /// A query as a person might give it: any key, tempo ±25%, a tenth of the notes a semitone or a tone off, one
    /// note left out or put in, and (when `flatten`) every note the same length.
    public static func spoil(_ notes: [TuneShape.Note], flatten: Bool, changes: Bool = true, indel: Bool = true, random: inout Mutator) -> [TuneShape.Note] {
        var out = notes
        let shift = Int(random.next() % 12) - 6
        let tempo = 0.75 + Double(random.next() % 51) / 100
        for i in out.indices { out[i].pitch += shift; out[i].onset *= tempo; out[i].length *= tempo }
        // Each note, with a chance of one in ten, a semitone or a tone off.
        for i in out.indices where random.next() % 10 == 0 && changes {
            let step = Int(random.next() % 2) + 1
            out[i].pitch += random.next() % 2 == 0 ? step : -step
        }
        if !indel {
        } else if random.next() % 2 == 0 {
            out.remove(at: 1 + Int(random.next() % UInt64(out.count - 2)))
        } else {
            let i = 1 + Int(random.next() % UInt64(out.count - 1))
            let before = out[i - 1]
            let half = (out[i].onset - before.onset) / 2
            out[i - 1].length = half
            out.insert(TuneShape.Note(pitch: before.pitch + Int(random.next() % 5) - 2, onset: before.onset + half, length: half), at: i)
        }
        if flatten { for i in out.indices { out[i].onset = Double(i) * 0.5; out[i].length = 0.5 } }
        return out
    }

    /// Whether `steps` holds `fragment` note for note.
    public static func holds(_ steps: [Int8], _ fragment: [Int8]) -> Bool {
        guard fragment.count <= steps.count, let first = fragment.first else { return false }
        var i = 0
        while i + fragment.count <= steps.count {
            if steps[i] == first, steps[i..<(i + fragment.count)].elementsEqual(fragment) { return true }
            i += 1
        }
        return false
    }
}
