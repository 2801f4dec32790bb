import SongCore

/// A section written as a chord grid (`{start_of_grid}`): its cells played bar by bar, `.` holding the chord, `%` repeating the bar.
extension Arranger.Builder {
    mutating func playGrid(_ section: Section) {
        let beat = NoteLength(1, meter.beatUnit)
        var current: ChordSymbol?
        var started = time
        var barStart = time
        var previousBar: [GridRow.Cell] = []
        var thisBar: [GridRow.Cell] = []
        var barNumber = 0
        // Beats a bar of the meter holds, counted as the grid counts them (one cell a beat of its bottom unit).
        let beats = meter.beats
        func close(_ me: inout Arranger.Builder) {
            if let c = current, me.time > started { me.addChord(c, at: started, duration: me.time - started, barStart: barStart) }
        }
        for case .grid(let row) in section.lines {
            for cell in row.cells {
                switch cell {
                case .bar:
                    if !thisBar.isEmpty {
                        barNumber += 1
                        if thisBar.count != beats {
                            gridWarnings.append("\(section.label ?? section.kind.rawValue), bar \(barNumber) of its chords has \(thisBar.count) beat\(thisBar.count == 1 ? "" : "s") where \(meter) has \(beats); the bars after it move")
                        }
                        previousBar = thisBar
                    }
                    thisBar = []
                    barStart = time
                case .chord(let c):
                    close(&self)
                    current = c
                    started = time
                    time += beat
                    thisBar.append(cell)
                case .hold:
                    time += beat
                    thisBar.append(cell)
                case .again:
                    close(&self)
                    started = time
                    time += beat
                    thisBar.append(cell)
                case .repeatBar:
                    for repeated in previousBar {
                        if case .chord(let c) = repeated { close(&self); current = c; started = time }
                        time += beat
                    }
                }
            }
        }
        close(&self)
    }
}
