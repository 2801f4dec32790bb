import Foundation

/// Files written into a fresh folder, each with what one of the repository's checking scripts (scripts/
/// musicxml-readback.py, scripts/musescore-playback.py) should find in it, and the script's verdict on them all:
/// the script reads `expected.json`, a list of `{"file": path, …what to expect}`.
public enum ScriptCheck {
    public static func run(_ script: String, files: [(name: String, contents: String, expected: [String: Any])]) async throws -> CommandResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [[String: Any]] = []
        for (i, item) in files.enumerated() {
            let file = folder.appendingPathComponent("\(i)-\(item.name.replacingOccurrences(of: "/", with: "_"))")
            try item.contents.write(to: file, atomically: true, encoding: .utf8)
            expected.append(item.expected.merging(["file": file.path]) { _, path in path })
        }
        let json = folder.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: json)
        // The python3 on PATH: the one `make test` installed music21 and mido into.
        return try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Fixtures.root.appendingPathComponent(script).path, json.path], in: folder)
    }
}
