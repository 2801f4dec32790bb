import Foundation
import SongCore

/// A song file on disk, read by its extension: ChordPro (`.cho`, `.chordpro`, `.chopro`, `.crd`, `.pro`) or ABC (`.abc`).
public enum SongFile {
    /// The formats Songbridge reads and writes.
    public enum Format: String, Sendable, CaseIterable {
        case chordPro = "chordpro"
        case abc

        /// The format a path's extension names, if any.
        public init?(path: String) {
            // The text after the last '.' of the last path component (Foundation's URL would also ask the file system
            // whether the path is a folder, for every file a command reads).
            let name = path.split(separator: "/", omittingEmptySubsequences: true).last ?? ""
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "cho", "chordpro", "chopro", "crd", "pro": self = .chordPro
            case "abc": self = .abc
            default: return nil
            }
        }
    }

    /// What reading a file gives: songs (one per ABC tune or ChordPro song), and the ABC tune book when the file is ABC.
    public struct Contents: Sendable {
        /// The format read.
        public var format: Format
        /// The songs in the file.
        public var songs: [Song]
        /// For ABC files, the tunes as read (for writing back as ABC).
        public var tuneBook: ABCTuneBook?
        /// Warnings found while reading.
        public var warnings: [Diagnostic]

        /// Only the ABC tune with `X:` number `reference`; nil if there is none. ChordPro files have no X: numbers.
        public func selecting(tune reference: Int) throws(SelectionError) -> Contents? {
            guard let book = tuneBook else { throw SelectionError() }
            guard let tune = book.tune(reference: reference) else { return nil }
            return Contents(format: format, songs: [tune.song], tuneBook: ABCTuneBook(header: book.header, tunes: [tune]), warnings: warnings)
        }
    }

    /// `--tune` was given for a file that is not ABC.
    public struct SelectionError: Error, Sendable, CustomStringConvertible {
        public init() {}
        public var description: String { "only ABC files have tunes to select with X: numbers" }
    }

    /// Why a file could not be read at all (as opposed to a file with errors in it).
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        /// The path.
        public var path: String
        /// The reason.
        public var reason: String
        public var description: String { "\(path): cannot open: \(reason)" }
    }

    /// Reads the file at `path`. Throws `OpenError` if it cannot be opened, `DiagnosticError` if it is not valid.
    public static func read(path: String) throws -> Contents {
        guard let format = Format(path: path) else {
            throw OpenError(path: path, reason: "unknown file type; Songbridge reads .cho (ChordPro) and .abc files")
        }
        return try read(data: contentsOf(path: path), name: path, format: format)
    }

    /// The bytes of the file at `path`, or the `OpenError` that says why not. Read with the system's calls, once
    /// at the size the file says it has: `FileManager` and `Data(contentsOf:)` cost more, the first time a process
    /// uses them, than reading a thousand-tune book (a third of a millisecond of a 30 ms `check`).
    static func contentsOf(path: String) throws(OpenError) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw OpenError(path: path, reason: errno == ENOENT || errno == ENOTDIR ? "no such file" : "it cannot be read (check its permissions)")
        }
        defer { close(fd) }
        let unreadable = OpenError(path: path, reason: "it cannot be read (check its permissions)")
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw OpenError(path: path, reason: "it is a folder") }
        // The size said, then whatever more there is (a pipe says 0; a file may grow while it is read).
        var data = Data(count: max(0, Int(info.st_size)))
        var filled = 0
        while true {
            let count: Int
            if filled < data.count {
                count = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
                if count > 0 { filled += count }
            } else {
                // Past the stated size (usually only the read that finds the end): through a buffer on the stack.
                count = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16 * 1024) { buffer in
                    let got = Glibc.read(fd, buffer.baseAddress!, buffer.count)
                    if got > 0 { data.append(buffer.baseAddress!, count: got) }
                    return got
                }
                if count > 0 { filled += count }
            }
            if count == 0 { break }
            if count < 0, errno != EINTR { throw unreadable }
        }
        data.count = filled
        return data
    }

    /// Reads the file at `path` as far as it reads, handing each song to `transform` as soon as it is read (in an
    /// ABC tunebook, on several threads) and keeping what it returns, in order: for an ABC file, the songs of the
    /// tunes without an error, with the errors of those left out (nil when there are none); any other file as
    /// `read(path:)` reads it. Throws `OpenError` if the file cannot be opened, and `DiagnosticError` when nothing
    /// in it reads.
    public static func mapEach<T: Sendable>(
        path: String, _ transform: @Sendable (_ song: Song, _ reference: Int?) -> T
    ) throws -> (values: [T], warnings: [Diagnostic], errors: DiagnosticError?) {
        guard Format(path: path) == .abc else {
            let contents = try read(path: path)
            return (contents.songs.map { transform($0, nil) }, contents.warnings, nil)
        }
        let data = try contentsOf(path: path)
        let source = try SourceText(data: data, name: path)
        let (values, diagnostics) = ABCReader.mapEachTune(source) { tune in transform(tune.song, tune.reference) }
        let errors = diagnostics.filter(\.isError)
        if values.isEmpty && !errors.isEmpty { throw DiagnosticError(diagnostics) }
        return (values, diagnostics.filter { !$0.isError }, errors.isEmpty ? nil : DiagnosticError(errors))
    }

    /// Reads song text from memory.
    public static func read(data: Data, name: String, format: Format) throws(DiagnosticError) -> Contents {
        let source = try SourceText(data: data, name: name)
        switch format {
        case .chordPro:
            let parsed = try ChordProReader.read(source)
            return Contents(format: format, songs: parsed.value, tuneBook: nil, warnings: parsed.warnings)
        case .abc:
            let parsed = try ABCReader.read(source)
            return Contents(format: format, songs: parsed.value.tunes.map(\.song), tuneBook: parsed.value, warnings: parsed.warnings)
        }
    }
}
