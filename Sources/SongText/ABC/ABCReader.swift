import Dispatch
import SongCore
import Synchronization

/// Reads ABC 2.1: standalone files with one or many tunes, and fragments embedded in ChordPro `{start_of_abc}` blocks.
public enum ABCReader {
    /// Reads every tune in `source`. Throws the diagnostics if any error is found; warnings come back with the tunes.
    public static func read(_ source: SourceText) throws(DiagnosticError) -> Parsed<ABCTuneBook> {
        var log = DiagnosticLog(source: source)
        log.noteRemovals()
        let book = readBook(source, log: &log)
        try log.check()
        return Parsed(value: book, warnings: log.warnings)
    }

    /// Reads every tune in `source` and hands each one that reads to `transform`, on the thread that read it,
    /// keeping only what it returns: a tunebook summed up without holding all its tunes at once. Gives the values of
    /// the tunes that read, in order; the tunes with an error are left out. One bad tune in a
    /// tunebook does not stop the others. The diagnostics are all those found, warnings and errors, in order.
    public static func mapEachTune<T: Sendable>(
        _ source: SourceText, _ transform: @Sendable (ABCTune) -> T
    ) -> (values: [T], diagnostics: [Diagnostic]) {
        var log = DiagnosticLog(source: source)
        log.noteRemovals()
        var failed: Set<Int> = []
        let (_, values) = readBook(source, log: &log, failed: &failed) { tune, hadError in hadError ? nil : transform(tune) }
        return (values.compactMap { $0 }, log.diagnostics)
    }

    /// Reads `text` as an ABC file named `name` in diagnostics.
    public static func read(_ text: String, name: String = "<abc>") throws(DiagnosticError) -> Parsed<ABCTuneBook> {
        try read(SourceText(text, name: name))
    }

    static func readBook(_ source: SourceText, log: inout DiagnosticLog) -> ABCTuneBook {
        var failed: Set<Int> = []
        let (header, tunes) = readBook(source, log: &log, failed: &failed) { tune, _ in tune }
        return ABCTuneBook(header: header, tunes: tunes)
    }

    /// Reads the file header and every tune, giving the header's fields and what `transform` makes of each tune
    /// (told whether the tune had an error), and noting in `failed` the index of each tune that had one.
    /// `parts` says how many parts to read side by side (nil: as many as there are cores, for a file big enough).
    static func readBook<T: Sendable>(
        _ source: SourceText, log: inout DiagnosticLog, failed: inout Set<Int>, parts partCount: Int? = nil,
        _ transform: @Sendable (ABCTune, _ hadError: Bool) -> T
    ) -> (header: [ABCField], values: [T]) {
        var header: [ABCField] = []
        var values: [T] = []
        let lines = source.lines
        // A tune that asks to include another file (`%%abc-include`, `I:abc-include`) is refused: a tune pasted on
        // a tablet must never make the laptop read its own files. Nothing is included, and reading fails.
        for (index, line) in lines.enumerated() where mayInclude(line) {
            let t = line.trimmingWhitespace().lowercased()
            if t.hasPrefix("%%abc-include") || t.hasPrefix("i:abc-include") || t.hasPrefix("[i:abc-include") {
                log.add(.error, "including another file is refused", expected: "the tune's own music; paste the other file's tunes instead", lineIndex: index, column: 1)
            }
        }
        let firstX = lines.firstIndex { $0.hasPrefix("X:") }
        var defaults = TuneDefaults()
        var i = 0
        if let firstX {
            // The file header: fields before the first tune that every tune inherits.
            for line in lines[..<firstX] where isFieldLine(line) {
                let letter = String(line.prefix(1)), value = fieldValue(line)
                header.append(ABCField(letter, value))
                defaults.apply(letter: letter, value: value)
            }
            i = firstX
        } else {
            // A fragment with no X: is one tune, if it has anything but comments.
            i = lines.firstIndex { let t = $0.trimmingWhitespace(); return !t.isEmpty && !t.hasPrefix("%") } ?? lines.count
            if i < lines.count {
                var chords: [String: ChordSymbol] = [:]
                let errorsBefore = log.errorCount
                let tune = readTune(source, start: i, defaults: defaults, log: &log, hasX: false, chords: &chords)
                let hadError = log.errorCount > errorsBefore
                if hadError { failed.insert(0) }
                values.append(transform(tune.tune, hadError))
            }
            return (header, values)
        }
        // The tunes, in parts read side by side on the machine's cores, then put back in order: each part keeps its
        // own diagnostics, which are replayed tune by tune into `log` under its caps, and reading stops once it is
        // full, as it would reading in one pass (a part that reads past that point is only wasted work).
        let parts = partsOfTunes(lines, from: i, count: partCount), fileDefaults = defaults
        var read: [[TuneRead<T>]]
        if parts.count == 1 {
            read = [readTunes(source, in: parts[0], defaults: defaults, transform)]
        } else {
            let results = Mutex([[TuneRead<T>]](repeating: [], count: parts.count))
            DispatchQueue.concurrentPerform(iterations: parts.count) { p in
                let part = readTunes(source, in: parts[p], defaults: fileDefaults, transform)
                results.withLock { $0[p] = part }
            }
            read = results.withLock { $0 }
        }
        for p in read.indices {
            for t in read[p].indices {
                if log.isFull { return (header, values) }
                for d in read[p][t].diagnostics { log.replay(d) }
                if read[p][t].hadError { failed.insert(values.count) }
                values.append(read[p][t].value)
            }
            read[p] = []
        }
        return (header, values)
    }

    /// Whether a line might ask to include a file (begins, after spaces, with `%`, `I`, `i` or `[`): only these are
    /// looked at closely, so a tunebook's lines are not each lower-cased.
    private static func mayInclude(_ line: Substring) -> Bool {
        for b in line.utf8 where b != 32 && b != 9 {
            return b == UInt8(ascii: "%") || b == UInt8(ascii: "I") || b == UInt8(ascii: "i") || b == UInt8(ascii: "[")
        }
        return false
    }

    /// One tune as read (or what was made of it), with the diagnostics found reading it.
    struct TuneRead<T: Sendable>: Sendable {
        var value: T
        var diagnostics: [Diagnostic]
        var hadError: Bool
    }

    /// Below this many bytes of tunes a file is read in one part: starting threads would cost more than it saves.
    static let bytesPerPart = 64 * 1024

    /// The lines from `start` cut into parts, each cut at an `X:` line after a blank line, where one tune has surely
    /// ended and the next begins: none for a file under `bytesPerPart`, else four for each core (at most one per
    /// `bytesPerPart / 4`). Tunes cost unequal time for their bytes and the second core starts a moment late, so
    /// with one part a core, one core read on alone for the last sixth of a 1,000-tune book; with smaller parts,
    /// taken as each core comes free, the two end together.
    static func partsOfTunes(_ lines: [Substring], from start: Int, count asked: Int? = nil) -> [Range<Int>] {
        let bytes = lines[start...].reduce(0) { $0 + $1.utf8.count + 1 }
        let count = asked ?? (bytes < bytesPerPart ? 1 : min(4 * ProcessInfo.processInfo.activeProcessorCount, max(1, 4 * bytes / bytesPerPart), 64))
        guard count > 1 else { return [start..<lines.count] }
        var cuts = [start]
        var seen = 0, k = start
        for part in 1..<count {
            let target = bytes * part / count
            while k < lines.count, seen < target { seen += lines[k].utf8.count + 1; k += 1 }
            // The next tune start: `X:` after a blank line that does not continue a `\` line before it.
            while k < lines.count, !(lines[k].hasPrefix("X:") && lines[k - 1].isBlank && (k < 2 || !lines[k - 2].trimmingWhitespace().hasSuffix("\\"))) {
                seen += lines[k].utf8.count + 1
                k += 1
            }
            if k < lines.count, k > cuts.last! { cuts.append(k) }
        }
        cuts.append(lines.count)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }

    /// Reads the tunes that start in `range`, each with its own diagnostics, and gives what `transform` makes of each.
    static func readTunes<T: Sendable>(
        _ source: SourceText, in range: Range<Int>, defaults: TuneDefaults, _ transform: (ABCTune, Bool) -> T
    ) -> [TuneRead<T>] {
        let lines = source.lines
        var log = DiagnosticLog(source: source)
        var chords: [String: ChordSymbol] = [:]
        var tunes: [TuneRead<T>] = []
        var i = range.lowerBound
        while i < range.upperBound, !log.isFull {
            if lines[i].hasPrefix("X:") {
                let errorsBefore = log.errorCount, diagnosticsBefore = log.diagnostics.count
                let tune = readTune(source, start: i, defaults: defaults, log: &log, hasX: true, chords: &chords)
                let hadError = log.errorCount > errorsBefore
                tunes.append(TuneRead(value: transform(tune.tune, hadError), diagnostics: Array(log.diagnostics[diagnosticsBefore...]), hadError: hadError))
                i = tune.next
            } else {
                i += 1  // free text between tunes
            }
        }
        return tunes
    }

    /// Header values a file header may set for every tune.
    struct TuneDefaults {
        var meter: Meter?
        var unitLength: NoteLength?
        var tempo: String?

        mutating func apply(letter: String, value: String) {
            switch letter {
            case "M": meter = ABCHeaderValues.meter(value)
            case "L": unitLength = ABCHeaderValues.unitLength(value)
            case "Q": tempo = value
            default: break
            }
        }
    }

    static func isFieldLine(_ line: Substring) -> Bool {
        let u = line.utf8
        guard u.count >= 2 else { return false }
        let first = u[u.startIndex], second = u[u.index(after: u.startIndex)]
        let isLetter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first == UInt8(ascii: "+")
        return isLetter && second == UInt8(ascii: ":")
    }

    /// A field's value: after `L:`, up to a comment (the first `%`, unless escaped as `\\%`), without spaces around it.
    static func fieldValue(_ line: Substring) -> String {
        let u = line.utf8
        let start = u.index(u.startIndex, offsetBy: 2, limitedBy: u.endIndex) ?? u.endIndex
        var end = u.endIndex
        if let pct = u[start...].firstIndex(of: UInt8(ascii: "%")), pct == start || u[u.index(before: pct)] != UInt8(ascii: "\\") { end = pct }
        return line[start..<end].trimmingWhitespace()
    }

    /// Reads one tune from its X: line (or, for a fragment, its first line) to the blank line that ends it.
    static func readTune(
        _ source: SourceText, start: Int, defaults: TuneDefaults, log: inout DiagnosticLog, hasX: Bool, chords: inout [String: ChordSymbol]
    ) -> (tune: ABCTune, next: Int) {
        let lines = source.lines
        var tune = ABCTune()
        var meter = defaults.meter
        var unitLength = defaults.unitLength
        var tempoText = defaults.tempo
        var tempoLine = start
        var partOrder: [String] = []
        var key: Key?
        var i = start
        var lastFieldIndex: Int?
        // Header.
        while i < lines.count {
            let line = lines[i]
            if line.isBlank {
                if hasX || key != nil || !tune.fields.isEmpty { break }
                i += 1
                continue
            }
            if line.hasPrefix("%") {
                // A directive continued onto the next line (`%%Bfly … \`) takes that line with it.
                var last = i
                while last + 1 < lines.count, lines[last].trimmingWhitespace().hasSuffix("\\") { last += 1 }
                i = last + 1
                continue
            }
            guard isFieldLine(line) else {
                if !hasX && key == nil { break }  // a fragment may start with music straight away
                // A stray line in a tune's header (a tempo without its Q:, a note to the reader): abc2midi skips it and
                // goes on to the K: line, and so do we; with no K: to come, it is the error it looks like.
                if lines[(i + 1)...].prefix(20).contains(where: { $0.hasPrefix("K:") }) {
                    log.add(.warning, "not a header field; skipped", expected: "header fields (T:, M:, L:, …) ending with K: before the music", lineIndex: i, column: 1)
                    i += 1
                    continue
                }
                log.add(.error, "music before the K: line", expected: "header fields (T:, M:, L:, …) ending with K: before the music", lineIndex: i, column: 1)
                break
            }
            let letter = String(line.prefix(1))
            let value = fieldValue(line)
            i += 1
            switch letter {
            case "X":
                if let n = Int(value), n >= 0 { tune.reference = n } else {
                    log.add(.error, "'\(value)' is not a reference number", expected: "a number after X:, as in X:1", lineIndex: i - 1, column: 3)
                }
            case "M":
                if let m = ABCHeaderValues.meter(value) { meter = m } else if let m = ABCHeaderValues.lenientMeter(value) {
                    meter = m
                    log.add(.warning, "'\(value)' is not a meter as written; read as \(m)", expected: "a meter such as 4/4, 3/4, 6/8, C, C| or none", lineIndex: i - 1, column: 3)
                } else {
                    log.add(.error, "'\(value)' is not a meter", expected: "a meter such as 4/4, 3/4, 6/8, C, C| or none", lineIndex: i - 1, column: 3)
                }
            case "L":
                if let l = ABCHeaderValues.unitLength(value) { unitLength = l } else {
                    log.add(.error, "'\(value)' is not a unit note length", expected: "a length such as 1/8 or 1/4", lineIndex: i - 1, column: 3)
                }
            case "Q":
                tempoText = value
                tempoLine = i - 1
            case "P":
                if let order = ABCHeaderValues.partOrder(value) { partOrder = order } else {
                    // A P: line of words in the header (Ryan's `P:Modern Version.`): a note, not a play order.
                    log.add(.warning, "'\(value)' is not a play order; the parts are played as written", expected: "parts such as ABAB, A2B or (AB)2C", lineIndex: i - 1, column: 3)
                }
            case "W":
                tune.words.append(value)
            case "+":
                if let f = lastFieldIndex { tune.fields[f].value += " " + value }
            case "K":
                switch ABCHeaderValues.key(value) {
                case .success(let k): key = k
                case .failure(let e):
                    log.add(e.fallback == nil ? .error : .warning, e.message, expected: e.expected, lineIndex: i - 1, column: 3)
                    key = e.fallback ?? .cMajor
                }
            default:
                tune.fields.append(ABCField(letter, value))
                lastFieldIndex = tune.fields.count - 1
            }
            if letter == "K" { break }
        }
        if key == nil {
            if hasX || i < lines.count && isFieldLine(lines[max(start, i - 1)]) {
                log.add(.error, "tune header has no K: line", expected: "a K: line (the key) to end the header, as in K:G", lineIndex: start, column: 1)
            }
            key = .cMajor
        }
        // Defaults from ABC 2.1 §3.1.7: L is 1/16 for meters below 3/4, else 1/8.
        let finalMeter = meter ?? .free
        if unitLength == nil {
            if let bar = finalMeter.barLength, bar < NoteLength(3, 4) { unitLength = .sixteenth } else { unitLength = .eighth }
        }
        var tempo: Tempo?
        if let tempoText {
            tempo = ABCHeaderValues.tempo(tempoText, unitLength: unitLength!)
            if tempo == nil {
                log.add(.warning, "'\(tempoText)' is not a tempo; ignored", expected: "a tempo such as 1/4=100", lineIndex: tempoLine, column: 3)
            }
        }
        let melody = Melody(key: key!, meter: finalMeter, unitLength: unitLength!, tempo: tempo, partOrder: partOrder)
        var body = ABCBodyParser(log: log, melody: melody, chordCache: chords)
        // Body: up to a blank line or the next tune.
        let bodyStart = i
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("X:") && hasX { break }
            if line.isBlank { i += 1; break }
            body.readLine(i)
            i += 1
            if body.log.isFull { break }
        }
        let bodyEnd = i
        let voices = body.voiceDefinitions
        var (finished, words, newLog) = body.finish()
        chords = body.chordCache
        // A tune of several voices: the first is the melody; each other voice is read in a pass of its own over
        // the same lines, from the same header, and kept with it.
        if voices.count > 1 {
            finished.voiceDefinition = voices[0].definition
            for voice in voices.dropFirst() {
                var other = ABCBodyParser(log: newLog, melody: melody, chordCache: chords, selectedVoice: voice.id)
                for line in bodyStart..<bodyEnd where !(lines[line].hasPrefix("X:") && hasX) && !lines[line].isBlank {
                    other.readLine(line)
                    if other.log.isFull { break }
                }
                let (part, _, afterLog) = other.finish()
                newLog = afterLog
                chords = other.chordCache
                finished.voices.append(Voice(definition: voice.definition, melody: part))
            }
        }
        log = newLog
        tune.melody = finished
        tune.words += words
        return (tune, i)
    }
}

import Foundation
