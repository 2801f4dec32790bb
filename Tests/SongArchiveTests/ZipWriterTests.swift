import Foundation
import SongTesting
import Testing
@testable import ZipFiles

/// The export's ZIP writer read back by two independent readers: Python's zipfile (which checks every CRC) and
/// Info-ZIP's `unzip -t` (which setup installs); past 65,535 entries with the ZIP64 end records.
@Suite struct ZipWriterTests {
    /// 1,795,000,000 s after 1970 is 2026-11-18 11:06:40 UTC.
    static func zip(_ files: [(String, String)], at date: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> Data {
        var writer = ZipWriter(modified: date)
        for (path, text) in files { try writer.add(ZipWriter.Entry(path: path, data: Data(text.utf8))) }
        return try writer.finish()
    }

    @Test func entriesStoredOrDeflatedReadBackWithTheirNamesAndDates() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let long = String(repeating: "Dacw'r môr yn dod i mewn, ", count: 400)
        let files = [("tour/README.txt", "Songbridge"), ("tour/machynlleth/cân-y-cwm.cho", long), ("tour/empty.txt", "")]
        let data = try Self.zip(files)
        let read = try #require(try await PythonZip.entries(of: data, in: scratch.folder).entries)
        #expect(read == Dictionary(uniqueKeysWithValues: files))
        // The long text was deflated; the short ones stored as they are.
        #expect(data.count < long.utf8.count / 4)
        // The date in each entry is the moment given, in UTC, to the two seconds MS-DOS keeps.
        let script = "import sys, zipfile; print([i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()][0])"
        let file = scratch.folder.appendingPathComponent("dated.zip")
        try data.write(to: file)
        let dated = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], in: scratch.folder)
        #expect(dated.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "(2026, 11, 18, 11, 6, 40)", "\(dated.stdout)\(dated.stderr)")
        let unzip = try #require(CommandRunner.program("unzip"), "make test installs unzip")
        let tested = try await CommandRunner.run(URL(fileURLWithPath: unzip), ["-t", file.path], in: scratch.folder)
        #expect(tested.status == 0 && tested.stdout.contains("No errors detected"), "\(tested.stdout)")
        // The same entries and moment give the same bytes.
        #expect(try Self.zip(files) == data)
    }

    @Test func moreThan65535EntriesUseTheZip64EndRecords() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let count = 70_000
        let data = try Self.zip((0..<count).map { ("t/\($0).txt", "\($0)") })
        let file = scratch.folder.appendingPathComponent("many.zip")
        try data.write(to: file)
        let script = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); n = z.namelist(); print(len(n), z.read(n[-1]).decode(), z.testzip())"
        let read = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], in: scratch.folder)
        #expect(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(count) \(count - 1) None", "\(read.stdout)\(read.stderr)")
    }
}
