import Foundation

/// Runs abc2midi (Debian `abcmidi`) on one tune and returns its melody notes, for comparing with ours.
public enum ABC2MIDI {
    /// Where abc2midi is installed, if it is.
    public static let path = CommandRunner.program("abc2midi")

    /// The note-ons of tune `reference` in `abcText` on the melody channel, as abc2midi plays it.
    /// Rolls (`~`) are taken out and chords struck together, since abc2midi otherwise ornaments both.
    public static func notes(abcText: String, reference: Int) async throws -> MIDINoteList {
        guard let path else { throw MIDINoteList.FormatError(description: "abc2midi is not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abc2midi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = abcText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("X:") { return line + "\n%%MIDI chordattack 0" }
            return isField(line) || line.hasPrefix("%") ? String(line) : withoutOrnaments(line)
        }.joined(separator: "\n")
        let input = dir.appendingPathComponent("in.abc"), output = dir.appendingPathComponent("out.mid")
        try plain.write(to: input, atomically: true, encoding: .utf8)
        let result = try await CommandRunner.run(URL(fileURLWithPath: path), [input.path, String(reference), "-o", output.path, "-NGRA", "-NGUI", "-NFER", "-quiet"], in: dir)
        guard result.status == 0 else { throw MIDINoteList.FormatError(description: "abc2midi failed: \(result.stdout)\(result.stderr)") }
        return try MIDINoteList(data: Data(contentsOf: output))
    }

    /// Whether a line is a field (`T:`, `w:`, `K:`…) rather than music.
    static func isField(_ line: Substring) -> Bool {
        let chars = Array(line.prefix(2))
        return chars.count == 2 && chars[1] == ":" && chars[0].isLetter
    }

    /// The ornaments abc2midi plays as extra notes and Songbridge, which plays the written notes, does not: rolls
    /// (`~`), trills and mordents (`T`, `M`, `P`, `!trill!`, `!mordent!`, `!turn!`, `!roll!`…), taken out of a line
    /// of music (outside chord symbols and annotations in quotes); and a staccato dot straight after a broken
    /// rhythm, which abc2midi misreads.
    static func withoutOrnaments(_ line: Substring) -> String {
        let ornaments: Set<String> = ["trill", "tr", "roll", "turn", "turnx", "invertedturn", "invertedturnx", "mordent", "lowermordent",
                                      "uppermordent", "pralltriller", "trill(", "trill)"]
        var out = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "\"" { quoted.toggle() }
            // An inline field ([M:6/8], [K:G], [P:B]) is kept whole.
            if !quoted, c == "[", let close = line[i...].firstIndex(of: "]"), isField(line[line.index(after: i)..<close]) {
                out += line[i...close]
                i = line.index(after: close)
                continue
            }
            if !quoted, c == "!" || c == "+", let close = line[line.index(after: i)...].firstIndex(of: c),
               ornaments.contains(String(line[line.index(after: i)..<close])) {
                i = line.index(after: close)
                continue
            }
            if !quoted, c == "~" || c == "T" || c == "M" || c == "P" { i = line.index(after: i); continue }
            // abc2midi drops a broken rhythm whose second note has a staccato dot (`A>.B` plays two equal notes,
            // where `A>!trill!B` and `A>(B` are dotted): the dot, which changes no onset, is taken out so abc2midi
            // plays the rhythm as written.
            if !quoted, c == ".", let before = out.last(where: { $0 != ")" && $0 != "(" }), before == ">" || before == "<" {
                i = line.index(after: i)
                continue
            }
            out.append(c)
            i = line.index(after: i)
        }
        return out
    }
}
