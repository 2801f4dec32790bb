import Foundation

/// Runs abc2midi (Debian `abcmidi`) on one tune and returns its melody notes, for comparing with ours.
public enum ABC2MIDI {
    /// Where abc2midi is installed, if it is.
    public static let path = ["/usr/bin/abc2midi", "/usr/local/bin/abc2midi"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The note-ons of tune `reference` in `abcText` on the melody channel, as abc2midi plays it.
    /// Rolls (`~`) are taken out and chords struck together, since abc2midi otherwise ornaments both.
    public static func notes(abcText: String, reference: Int) throws -> MIDINoteList {
        guard let path else { throw MIDINoteList.FormatError(description: "abc2midi is not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abc2midi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = abcText.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("X:") { return line + "\n%%MIDI chordattack 0" }
            return line.hasPrefix("w:") || line.hasPrefix("W:") ? String(line) : line.replacingOccurrences(of: "~", with: "")
        }.joined(separator: "\n")
        let input = dir.appendingPathComponent("in.abc"), output = dir.appendingPathComponent("out.mid")
        try plain.write(to: input, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(URL(fileURLWithPath: path), [input.path, String(reference), "-o", output.path, "-NGRA", "-NGUI", "-NFER", "-quiet"], in: dir)
        guard result.status == 0 else { throw MIDINoteList.FormatError(description: "abc2midi failed: \(result.stdout)\(result.stderr)") }
        return try MIDINoteList(data: Data(contentsOf: output))
    }
}
