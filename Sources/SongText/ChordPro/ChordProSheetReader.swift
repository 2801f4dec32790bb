import SongCore

/// One pass over a ChordPro sheet: its songs, sections, lines, directives and ABC blocks, with diagnostics.
struct ChordProSheetReader {
    let source: SourceText
    var log: DiagnosticLog
    var songs: [Song] = []

    var song = Song()
    var pendingMelodies: [(label: String?, melody: Melody, line: Int, blockIndex: Int)] = []
    var untitledRun: [SongLine] = []
    var open: (section: Section, line: Int, name: String)?

    init(source: SourceText) {
        self.source = source
        log = DiagnosticLog(source: source)
        log.noteRemovals()
    }

    mutating func run() {
        var i = 0
        let lines = source.lines
        while i < lines.count, !log.isFull {
            let line = lines[i]
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("#") {
                // Comments before anything else belong to the song; others are the file's own and are not kept.
                if song.blocks.isEmpty && untitledRun.isEmpty && open == nil && song.metadata.title == nil {
                    song.metadata.fileComments.append(String(trimmed.dropFirst()).trimmingWhitespace())
                }
                i += 1
                continue
            }
            if let parsed = ChordProDirective.parse(line) {
                switch parsed {
                case .failure(let e):
                    log.add(.error, e.message, expected: e.expected, lineIndex: i, utf8Offset: e.offset)
                    i += 1
                case .success(let d):
                    i = directive(d, at: i)
                }
                continue
            }
            if trimmed.isEmpty {
                if open != nil { open!.section.lines.append(.blank) } else { flushUntitled() }
                i += 1
                continue
            }
            let songLine: SongLine
            if let open, open.section.kind == .tab {
                songLine = .lyrics([LyricSegment(text: String(line))])
            } else if let open, open.section.kind == .grid {
                songLine = gridRow(line, lineIndex: i)
            } else {
                songLine = lyricLine(line, lineIndex: i)
            }
            append(songLine)
            i += 1
        }
        if let open {
            log.add(.error, "\(open.name) is not closed", expected: "{end_of_\(open.name)} before the end of the file", lineIndex: open.line, column: 1)
            closeSection()
        }
        finishSong()
    }

    mutating func append(_ line: SongLine) {
        if open != nil { open!.section.lines.append(line) } else { untitledRun.append(line) }
    }

    mutating func flushUntitled() {
        guard !untitledRun.isEmpty else { return }
        song.blocks.append(.section(Section(kind: .untitled, lines: untitledRun)))
        untitledRun = []
    }

    mutating func closeSection() {
        guard var section = open?.section else { return }
        while section.lines.last == .blank { section.lines.removeLast() }
        while section.lines.first == .blank { section.lines.removeFirst() }
        song.blocks.append(.section(section))
        open = nil
    }

    mutating func finishSong() {
        flushUntitled()
        // Each ABC block's melody goes to the section with the same label (or name), else it stands as a section of its own.
        var insertions: [(Int, Section)] = []
        for pending in pendingMelodies {
            let id = pending.label ?? "Melody"
            if let idx = song.blocks.firstIndex(where: { if case .section(let s) = $0 { s.id == id && s.melody == nil } else { false } }),
               case .section(var s) = song.blocks[idx] {
                s.melody = pending.melody
                song.blocks[idx] = .section(s)
            } else {
                insertions.append((pending.blockIndex, Section(kind: .untitled, label: id, melody: pending.melody)))
            }
        }
        for (index, section) in insertions.reversed() {
            song.blocks.insert(.section(section), at: min(index, song.blocks.count))
        }
        pendingMelodies = []
        if !song.blocks.isEmpty || song.metadata.title != nil || !song.provenance.isEmpty {
            checkCredits()
            songs.append(song)
        }
        song = Song()
    }

    /// Credits must name contributors and sections that exist.
    mutating func checkCredits() {
        let ids = Set(song.provenance.contributors.map(\.id))
        let sections = Set(song.sections.map(\.id))
        for credit in song.provenance.credits {
            for c in credit.contributors where !ids.contains(c) {
                log.add(.warning, "credit names contributor '\(c)', who is not listed in an x_songbridge_contributor directive", lineIndex: 0, column: 1)
            }
            if let s = credit.section, !sections.contains(s) {
                log.add(.warning, "credit names section '\(s)', which this song does not have", lineIndex: 0, column: 1)
            }
        }
    }

    // MARK: - Directives

    mutating func directive(_ d: ChordProDirective, at lineIndex: Int) -> Int {
        let value = d.value
        func needValue(_ what: String) -> String? {
            guard let value else {
                log.add(.error, "{\(d.writtenName)} needs a value", expected: what, lineIndex: lineIndex, utf8Offset: d.valueOffset)
                return nil
            }
            return value
        }
        let name = d.name
        switch name {
        case "title": if let v = needValue("a title") { song.metadata.title = v }
        case "subtitle": if let v = needValue("a subtitle") { song.metadata.subtitles.append(v) }
        case "artist": if let v = needValue("a name") { song.metadata.artists.append(v) }
        case "composer": if let v = needValue("a name") { song.metadata.composers.append(v) }
        case "lyricist": if let v = needValue("a name") { song.metadata.lyricists.append(v) }
        case "album": song.metadata.album = value
        case "year": song.metadata.year = value
        case "copyright": song.metadata.copyright = value
        case "key":
            guard let v = needValue("a key such as G or Em") else { break }
            if let k = Key(v) { song.metadata.key = k } else {
                log.add(.error, "'\(v)' is not a key", expected: "a key such as G, Em, Bb, F#m or Ddor", lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "time":
            guard let v = needValue("a meter such as 3/4") else { break }
            if let m = Meter(v) { song.metadata.meter = m } else {
                log.add(.error, "'\(v)' is not a time signature", expected: "a meter such as 4/4, 3/4, 6/8, C or C|", lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "tempo":
            guard let v = needValue("beats per minute") else { break }
            if let bpm = Double(v), bpm > 0, bpm < 2000 { song.metadata.tempo = Tempo(bpm) } else if let t = ABCHeaderValues.tempo(v, unitLength: .quarter), v.contains("=") { song.metadata.tempo = t } else {
                log.add(.error, "'\(v)' is not a tempo", expected: "beats per minute such as 96, or a beat and a rate such as 3/8=60", lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "capo":
            guard let v = needValue("a fret number") else { break }
            if let c = Int(v), (0...24).contains(c) { song.metadata.capo = c } else {
                log.add(.error, "'\(v)' is not a capo fret", expected: "a fret number from 0 to 24", lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "transpose":
            guard let v = needValue("semitones") else { break }
            if let t = Int(v), (-24...24).contains(t) { song.metadata.transpose = t } else {
                log.add(.error, "'\(v)' is not a number of semitones", expected: "a whole number from -24 to 24", lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "meta":
            guard let v = needValue("a name and a value") else { break }
            let parts = v.split(separator: " ", maxSplits: 1).map(String.init)
            song.metadata.other.append(.init(name: parts[0], value: parts.count > 1 ? parts[1].trimmingWhitespace() : ""))
        case "duration":
            song.metadata.other.append(.init(name: "duration", value: value ?? ""))
        case "comment", "comment_italic", "comment_box":
            append(.comment(value ?? "", style: name))
        case "chorus":
            if open != nil {
                log.add(.error, "{chorus} inside a section", expected: "{chorus} between sections", lineIndex: lineIndex, column: 1)
            } else {
                flushUntitled()
                song.blocks.append(.chorusRecall(label: value))
            }
        case "new_song":
            if let open {
                log.add(.error, "\(open.name) is not closed", expected: "{end_of_\(open.name)} before {new_song}", lineIndex: open.line, column: 1)
                closeSection()
            }
            finishSong()
        case "start_of_abc":
            return abcBlock(label: value, at: lineIndex)
        case "x_songbridge_stop":
            guard let v = needValue("the stop's place and nation") else { break }
            do { song.provenance.stop = try ProvenanceDirectives.stop(v) } catch {
                log.add(.error, error.message, expected: error.expected, lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "x_songbridge_contributor":
            guard let v = needValue("the contributor's id, generation and consent") else { break }
            do {
                let c = try ProvenanceDirectives.contributor(v)
                if song.provenance.contributor(c.id) != nil {
                    log.add(.error, "contributor '\(c.id)' is listed twice", expected: "one x_songbridge_contributor directive per person", lineIndex: lineIndex, utf8Offset: d.valueOffset)
                } else {
                    song.provenance.contributors.append(c)
                }
            } catch {
                log.add(.error, error.message, expected: error.expected, lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "x_songbridge_credit":
            guard let v = needValue("who wrote what") else { break }
            do { song.provenance.credits.append(try ProvenanceDirectives.credit(v)) } catch {
                log.add(.error, error.message, expected: error.expected, lineIndex: lineIndex, utf8Offset: d.valueOffset)
            }
        case "x_songbridge_form":
            guard let v = needValue("the sections in order") else { break }
            let (steps, problem) = FormItem.list(v)
            // Kept within the limits, with a warning: an archive written before the limits still reads.
            if let problem { log.add(.warning, problem + "; kept at that", lineIndex: lineIndex, utf8Offset: d.valueOffset) }
            song.explicitForm = steps
        case "x_songbridge_style":
            guard let v = needValue("a style name (see songbridge styles)") else { break }
            song.metadata.style = v
        case "x_songbridge_theme":
            guard let v = needValue("a theme") else { break }
            song.metadata.themes += v.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        default:
            if name.hasPrefix("start_of_") {
                startSection(String(name.dropFirst("start_of_".count)), value: value, lineIndex: lineIndex)
            } else if name.hasPrefix("end_of_") {
                endSection(String(name.dropFirst("end_of_".count)), lineIndex: lineIndex)
            } else {
                if !ChordProReader.passThrough.contains(name) {
                    log.add(.warning, "unknown directive {\(d.writtenName)}; kept as written", lineIndex: lineIndex, column: 1)
                }
                append(.unknownDirective(name: d.writtenName, value: value))
            }
        }
        return lineIndex + 1
    }

    mutating func startSection(_ env: String, value: String?, lineIndex: Int) {
        if let open {
            log.add(.error, "{start_of_\(env)} inside \(open.name), which is not closed", expected: "{end_of_\(open.name)} first", lineIndex: lineIndex, column: 1)
            closeSection()
        }
        flushUntitled()
        var (label, attributes) = ChordProDirective.sectionArguments(value)
        var kind = ChordProReader.environments[env]
        if kind == nil {
            log.add(.warning, "unknown section {start_of_\(env)}; read as a verse and kept as written", lineIndex: lineIndex, column: 1)
            kind = .verse
            attributes["environment"] = env
        }
        if label?.isEmpty == true { label = nil }
        open = (Section(kind: kind!, label: label, attributes: attributes), lineIndex, env)
    }

    mutating func endSection(_ env: String, lineIndex: Int) {
        guard let current = open else {
            log.add(.error, "{end_of_\(env)} without a matching start", expected: "{start_of_\(env)} before it", lineIndex: lineIndex, column: 1)
            return
        }
        if current.name != env {
            log.add(.error, "{end_of_\(env)} closes \(current.name)", expected: "{end_of_\(current.name)}", lineIndex: lineIndex, column: 1)
        }
        closeSection()
    }

    mutating func abcBlock(label: String?, at start: Int) -> Int {
        if open != nil {
            log.add(.error, "{start_of_abc} inside a section", expected: "the ABC block after {end_of_…}", lineIndex: start, column: 1)
            closeSection()
        }
        flushUntitled()
        var end = start + 1
        while end < source.lines.count {
            if case .success(let d)? = ChordProDirective.parse(source.lines[end]), d.name == "end_of_abc" { break }
            end += 1
        }
        guard end < source.lines.count else {
            log.add(.error, "ABC block is not closed", expected: "{end_of_abc} after the tune", lineIndex: start, column: 1)
            return end
        }
        let fragment = SourceText(source.lines[(start + 1)..<end].joined(separator: "\n"), name: source.name, lineOffset: source.lineOffset + start + 1)
        var abcLog = DiagnosticLog(source: fragment)
        let book = ABCReader.readBook(fragment, log: &abcLog)
        for d in abcLog.diagnostics {
            log.add(d.severity, d.message, expected: d.expected, lineIndex: d.line - 1 - source.lineOffset, column: d.column)
        }
        if let tune = book.tunes.first {
            if book.tunes.count > 1 {
                log.add(.warning, "ABC block has \(book.tunes.count) tunes; only the first is used", lineIndex: start, column: 1)
            }
            let cleanLabel = ChordProDirective.sectionArguments(label).label
            pendingMelodies.append((cleanLabel, tune.melody, start, song.blocks.count))
        } else {
            log.add(.error, "ABC block has no tune", expected: "an ABC tune (X:, K: and the notes)", lineIndex: start, column: 1)
        }
        return end + 1
    }

    // MARK: - Lines

    mutating func lyricLine(_ line: Substring, lineIndex: Int) -> SongLine {
        var segments: [LyricSegment] = []
        var text = ""
        var chord: ChordSymbol?
        var annotation: String?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "[" {
                guard let close = line[i...].firstIndex(of: "]") else {
                    log.add(.error, "chord is not closed", expected: "']' after the chord, as in [G]", lineIndex: lineIndex, column: line[..<i].count + 1)
                    text += line[i...]
                    break
                }
                if chord != nil || annotation != nil || !text.isEmpty {
                    segments.append(LyricSegment(chord: chord, annotation: annotation, text: text))
                }
                text = ""
                chord = nil
                annotation = nil
                let inner = line[line.index(after: i)..<close]
                if inner.hasPrefix("*") {
                    annotation = String(inner.dropFirst())
                } else {
                    do {
                        chord = try ChordSymbol(parsing: inner)
                    } catch {
                        log.add(.error, "'\(inner)' is not a chord", expected: error.expected, lineIndex: lineIndex, column: line[..<i].count + 2 + error.offset)
                        annotation = String(inner)
                    }
                }
                i = line.index(after: close)
                continue
            }
            if c == "]" {
                log.add(.error, "']' without a matching '['", expected: "chords written as [G]", lineIndex: lineIndex, column: line[..<i].count + 1)
            }
            text.append(c)
            i = line.index(after: i)
        }
        segments.append(LyricSegment(chord: chord, annotation: annotation, text: text))
        return .lyrics(segments)
    }

    mutating func gridRow(_ line: Substring, lineIndex: Int) -> SongLine {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let isBar: (Substring) -> Bool = { t in
            !t.isEmpty && t.allSatisfy { "|:.".contains($0) } && t.contains("|") || t == "|2" || t == "|1"
        }
        guard let firstBar = tokens.firstIndex(where: isBar), let lastBar = tokens.lastIndex(where: isBar) else {
            log.add(.error, "grid row has no bar line", expected: "cells between bar lines, as in | C . . . | G . . . |", lineIndex: lineIndex, column: 1)
            return .grid(GridRow(cells: []))
        }
        let label = firstBar > 0 ? tokens[..<firstBar].joined(separator: " ") : nil
        let comment = lastBar < tokens.count - 1 ? tokens[(lastBar + 1)...].joined(separator: " ") : nil
        var cells: [GridRow.Cell] = []
        for token in tokens[firstBar...lastBar] {
            if isBar(token) { cells.append(.bar(String(token))); continue }
            switch token {
            case ".": cells.append(.hold)
            case "/": cells.append(.again)
            case "%": cells.append(.repeatBar)
            default:
                do { cells.append(.chord(try ChordSymbol(parsing: token))) } catch {
                    let column = line.distance(from: line.startIndex, to: token.startIndex) + 1 + error.offset
                    log.add(.error, "'\(token)' is not a chord", expected: error.expected + " (or . / % in a grid)", lineIndex: lineIndex, column: column)
                }
            }
        }
        return .grid(GridRow(label: label, cells: cells, comment: comment))
    }
}

import Foundation
