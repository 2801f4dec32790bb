import Foundation

/// Paths to the package's own files for tests, benchmarks and the fuzzer.
public enum Fixtures {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `Songs/`.
    public static var songs: URL { root.appendingPathComponent("Songs") }

    /// `Tests/Fixtures/corpus/`: traditional tunes in ABC.
    public static var corpus: URL { root.appendingPathComponent("Tests/Fixtures/corpus") }

    /// Files in `folder` with extension `ext`, sorted by name.
    public static func files(in folder: URL, ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The song sheets in `Songs/`.
    public static var songFiles: [URL] { files(in: songs, ext: "cho") }

    /// The ABC files of the corpus.
    public static var corpusFiles: [URL] { files(in: corpus, ext: "abc") }

    /// The text of a file.
    public static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
}
