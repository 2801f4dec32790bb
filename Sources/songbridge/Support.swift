import ArgumentParser
import Foundation
import SongArchive
import SongCore
import SongText

/// Exit statuses from sysexits.h, which scripts already know.
enum ExitStatus {
    /// EX_USAGE: the command was used wrongly.
    static let usage: Int32 = 64
    /// EX_DATAERR: the input is not valid.
    static let invalidInput: Int32 = 65
    /// EX_NOINPUT: a file cannot be opened.
    static let cannotOpen: Int32 = 66
    /// EX_UNAVAILABLE: a device or program it needs is not there.
    static let unavailable: Int32 = 69
    /// EX_CANTCREAT: an output cannot be written.
    static let cannotWrite: Int32 = 73
    /// EX_TEMPFAIL: try again (the archive is busy, read-only, or moved on meanwhile).
    static let tryAgain: Int32 = 75

    /// The exit status for an archive refusal of `kind` (DESIGN's table of kinds), applied once, in `main`.
    static func of(_ kind: ArchiveError.Kind) -> Int32 {
        switch kind {
        case .notFound: cannotOpen
        case .invalid, .tooLarge: invalidInput
        case .conflict, .busy, .readOnly: tryAgain
        case .unavailable: unavailable
        case .cannotWrite: cannotWrite
        }
    }
}

/// A command's refusal: one line on standard error, and the exit status to throw.
func fail(_ message: String, _ status: Int32) -> ExitCode {
    printError("songbridge: \(message)")
    return ExitCode(status)
}

/// Writes a line (or, with `newline: false`, a progress fragment) to standard error, as the terminal should show it
/// (`visible`): a progress fragment may start with a carriage return of its own.
func printError(_ text: String, newline: Bool = true) {
    // One write of the text and its line break together (a tunebook's warnings are tens of kilobytes: no copy
    // into `Data` on the way), whole even where the system writes part of it at a time.
    var line = text.hasPrefix("\r") ? "\r" + visible(String(text.dropFirst())) : visible(text)
    if newline { line.append("\n") }
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}

/// JSON with sorted keys, so output is stable for scripts and tests.
enum JSONOutput {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The text of `check`'s summary.
enum Summary {
    static func text(_ s: SongSummary, path: String) -> String {
        var head = "\(path): \(s.title)"
        var facts: [String] = []
        if let k = s.key { facts.append("key \(k)") }
        if let m = s.meter { facts.append(m) }
        if let t = s.tempo { facts.append("\(t.rounded() == t ? String(Int(t)) : String(t)) bpm") }
        if !facts.isEmpty { head += " (" + facts.joined(separator: ", ") + ")" }
        var lines = [head]
        let width = max(8, s.sections.map(\.id.count).max() ?? 8)
        for sec in s.sections {
            var parts: [String] = []
            parts.append("\(sec.bars) bar\(sec.bars == 1 ? "" : "s")")
            if sec.lyricLines > 0 { parts.append("\(sec.lyricLines) line\(sec.lyricLines == 1 ? "" : "s")") }
            parts.append("\(sec.chords) chord\(sec.chords == 1 ? "" : "s")")
            if sec.notes > 0 {
                if sec.syllablesPerVerse.isEmpty {
                    parts.append("\(sec.notes) notes, no words")
                } else {
                    let syl = sec.syllablesPerVerse.map(String.init).joined(separator: "+")
                    parts.append("syllables/notes \(syl)/\(sec.notes)")
                }
            }
            lines.append("  " + sec.id.padded(to: width) + "  " + parts.joined(separator: ", "))
        }
        if !s.form.isEmpty { lines.append("  form: " + s.form.joined(separator: ", ")) }
        if !s.contributorsByGeneration.isEmpty {
            let total = s.contributorsByGeneration.values.reduce(0, +)
            let byGen = s.contributorsByGeneration.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  contributors: \(total) (\(byGen))")
        }
        return lines.joined(separator: "\n")
    }
}

/// Reads a song file for a command: a file that cannot be opened is one line and exit 66; invalid input prints
/// its diagnostics and exits 65.
func readSongFile(_ path: String) throws -> SongFile.Contents {
    do { return try SongFile.read(path: path) } catch let e as SongFile.OpenError {
        printError("songbridge: \(e)")
        throw ExitCode(ExitStatus.cannotOpen)
    } catch let e as DiagnosticError {
        printError(e.description)
        throw ExitCode(ExitStatus.invalidInput)
    }
}

/// `text` as a terminal should show it rather than obey it: every character that would act (a control character,
/// the start of an escape sequence, a text-direction override: `OneLineText.isUnsafe`) written out as `\u{1B}`,
/// and line breaks kept. A file's name on a memory stick, or text in an archive from before the rules, can hold them,
/// and a message naming it would otherwise recolour, retitle or clear the facilitator's terminal.
func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 != "\n" && OneLineText.isUnsafe($0) }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        if scalar != "\n", OneLineText.isUnsafe(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
