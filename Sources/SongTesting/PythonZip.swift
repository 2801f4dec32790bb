import Foundation

/// ZIP files read by an independent reader: Python's zipfile, which also checks every entry's CRC.
public enum PythonZip {
    /// Every entry's name and text (bytes that are not UTF-8 as U+FFFD), or nil with Python's complaint.
    public static func entries(of data: Data, in folder: URL) async throws -> (entries: [String: String]?, problem: String) {
        let file = folder.appendingPathComponent("read-\(UUID().uuidString).zip")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None, "a damaged entry"
            print(json.dumps({n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}))
            """
        let result = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], in: folder)
        guard result.status == 0 else { return (nil, result.stderr) }
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String], "")
    }
}
