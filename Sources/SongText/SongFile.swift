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
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw OpenError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw OpenError(path: path, reason: "it is a folder") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw OpenError(path: path, reason: "it cannot be read (check its permissions)")
        }
        return try read(data: data, name: path, format: format)
    }

    /// Reads the file at `path` as far as it reads: for an ABC file, every tune without an error, and the errors of
    /// those left out (nil when there are none); any other file as `read(path:)` does. Throws `OpenError` if it
    /// cannot be opened, and `DiagnosticError` when nothing in it reads.
    public static func readEach(path: String) throws -> (contents: Contents, errors: DiagnosticError?) {
        guard Format(path: path) == .abc else { return (try read(path: path), nil) }
        do { return (try read(path: path), nil) } catch let error as DiagnosticError {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            let source = try SourceText(data: data, name: path)
            let (book, errors) = ABCReader.readEachTune(source)
            guard !book.value.tunes.isEmpty else { throw error }
            let contents = Contents(format: .abc, songs: book.value.tunes.map(\.song), tuneBook: book.value, warnings: book.warnings)
            return (contents, DiagnosticError(errors))
        }
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
