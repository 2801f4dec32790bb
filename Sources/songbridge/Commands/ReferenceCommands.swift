// Reference tunebooks: traditional tunes kept apart from the tour's songs, for finding where a song's tune came from.
import ArgumentParser
import Foundation
import SongArchive
import SongCore

struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "Reference tunebooks (ABC) that the tour's tunes are compared with.",
        subcommands: [ReferenceImport.self, ReferenceList.self, ReferenceRemove.self])
}

struct ReferenceImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import an ABC tunebook as a reference collection; tunes that do not read are named by line and left out.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The tunebook (.abc), or the files it comes in.") var files: [String]
    @Option(help: "The collection's name, e.g. \"O'Neill's 1850\".") var name: String

    func run() throws {
        var books: [(text: String, file: String)] = []
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: file) else {
                throw fail("\(file): cannot open: no such file", ExitStatus.cannotOpen)
            }
            guard data.count <= SongLimits.songTextBytes else {
                throw fail("\(file) is larger than \(SongLimits.songTextBytes >> 20) MB; split the tunebook", ExitStatus.invalidInput)
            }
            // Tunebooks typed long ago are often Latin-1: read as UTF-8 where they are, byte for byte otherwise.
            books.append((String(data: data, encoding: .utf8) ?? String(decoding: data.map { UInt16($0) }, as: UTF16.self), file))
        }
        let archive = try store.open("reference import")
        let result = try archive.importReference(books, name: name)
        for problem in result.problems { printError("songbridge: \(problem) (tune left out)") }
        print("imported \(result.tunes) tunes as '\(name)'" + (result.problems.isEmpty ? "" : "; \(result.problems.count) left out"))
    }
}

struct ReferenceList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the reference collections.")
    @OptionGroup var store: ArchiveOption
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let collections = try store.open("reference list").referenceCollections()
        if json { print(try JSONOutput.string(collections)); return }
        for c in collections { print("\(c.name)  \(c.tunes) tunes  (from \(c.source), \(c.importedAt))") }
    }
}

struct ReferenceRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a reference collection and its tunes.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The collection's name.") var name: String

    func run() throws {
        let removed = try store.open("reference remove").removeReference(named: name)
        print("removed '\(name)' (\(removed) tunes)")
    }
}
