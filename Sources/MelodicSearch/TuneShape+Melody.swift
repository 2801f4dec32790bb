import SongCore

extension TuneShape {
    /// The shape of a melody as written (each part once, repeats not played out, so a hit's bars are the bars on
    /// the page): tied notes joined, grace notes left out, the top note of a chord taken as the tune. Bars are
    /// numbered as a musician numbers them: an upbeat (a first bar shorter than the meter's) is bar 0.
    public init(melody: Melody) {
        self.init(notes: TuneShape.notes(of: melody))
    }

    /// The notes `init(melody:)` reads, in quarters from the start, with their bars.
    public static func notes(of melody: Melody) -> [Note] {
        var notes: [Note] = []
        var time = 0.0
        var bar = 1
        var barStart = 0.0
        var barOpen = false
        var firstBar = true
        var meter = melody.meter
        var tiedPitch: Int?
        func quarters(_ l: NoteLength) -> Double { 4 * Double(l.numerator) / Double(l.denominator) }
        for element in melody.elements {
            switch element {
            case .note(let note):
                guard let top = note.pitches.map(\.midiNumber).max() else { continue }
                let length = quarters(note.duration)
                if let tied = tiedPitch, tied == top, var last = notes.popLast() {
                    last.length += length
                    notes.append(last)
                } else {
                    notes.append(Note(pitch: top, onset: time, length: length, bar: bar))
                }
                tiedPitch = note.tiedToNext ? top : nil
                time += length
                barOpen = true
            case .rest(let rest):
                tiedPitch = nil
                time += quarters(rest.duration)
                if let n = rest.bars, n > 1 { bar += n - 1 }
                barOpen = true
            case .bar:
                guard barOpen else { continue }
                // A first bar shorter than the meter's is an upbeat: it was bar 0, and the next is bar 1.
                if firstBar, let full = meter.barLength, time - barStart < quarters(full) - 1e-9 {
                    for i in notes.indices { notes[i].bar = 0 }
                } else {
                    bar += 1
                }
                firstBar = false
                barOpen = false
                barStart = time
            case .meter(let m):
                meter = m
            default:
                break
            }
        }
        return notes
    }
}
