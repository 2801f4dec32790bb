import Foundation
import SongCore
import Testing
@testable import SongText

/// A song file is read with the system's own calls (`SongFile.contentsOf`): every byte of it, whatever its size or
/// kind, and a clear reason when it cannot be.
@Suite struct SongFileOpeningTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func reason(_ path: String) -> String? {
        do { _ = try SongFile.contentsOf(path: path); return nil } catch { return error.reason }
    }

    @Test func everyByteIsReadWhateverTheSize() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Empty, one byte, just under and over the 64 KB the reader takes past the stated size, and 1 MB of noise.
        var random = SystemRandomNumberGenerator()
        for size in [0, 1, 65_535, 65_537, 1_048_576] {
            let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
            let file = dir.appendingPathComponent("\(size).abc")
            try bytes.write(to: file)
            #expect(try SongFile.contentsOf(path: file.path) == bytes, "\(size) bytes")
        }
    }

    /// A pipe says it holds nothing (its size is 0), so everything in it is read past the stated size.
    @Test func aPipeIsReadToItsEnd() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("tunes.abc").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = String(repeating: "X:1\nT:Piped\nK:G\nGABc|\n\n", count: 5_000)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(text.utf8))
            try? handle?.close()
        }
        writer.start()
        #expect(try SongFile.contentsOf(path: fifo) == Data(text.utf8))
    }

    @Test func whatCannotBeOpenedSaysWhy() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("book.abc")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(Self.reason(folder.path) == "it is a folder")
        #expect(Self.reason(dir.appendingPathComponent("missing.abc").path) == "no such file")
        #expect(Self.reason(dir.appendingPathComponent("missing/inside.abc").path) == "no such file")
        // A path through a file, as if it were a folder.
        let file = dir.appendingPathComponent("plain.abc")
        try Data("X:1\nK:C\nC|\n".utf8).write(to: file)
        #expect(Self.reason(file.path + "/inside.abc") == "no such file")
        #expect(Self.reason(file.path) == nil)
    }

    @Test func theFormatIsTheLastExtension() {
        #expect(SongFile.Format(path: "Songs/the-tide-comes-in.cho") == .chordPro)
        #expect(SongFile.Format(path: "/tmp/book.ABC") == .abc)
        #expect(SongFile.Format(path: "old.abc.chordpro") == .chordPro)
        #expect(SongFile.Format(path: "folder.abc/") == .abc)
        #expect(SongFile.Format(path: "dir.abc/notes") == nil)
        #expect(SongFile.Format(path: ".abc") == nil)
        #expect(SongFile.Format(path: "README") == nil)
        #expect(SongFile.Format(path: "") == nil)
    }
}
