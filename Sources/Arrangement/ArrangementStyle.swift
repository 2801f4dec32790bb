import Foundation
import SongCore
import Synchronization

/// A style turns the chords of a song into accompaniment tracks. Styles plug in by name through `StyleLibrary`.
public protocol ArrangementStyle: Sendable {
    /// The name used on the command line.
    var name: String { get }
    /// One line about it.
    var summary: String { get }
    /// The General MIDI program of the lead instrument that plays the melody.
    var leadProgram: Int { get }
    /// The accompaniment for `chords` (in time order, covering the song).
    func accompaniment(for chords: [ChordSpan]) -> [PerformanceTrack]
    /// The accompaniment for `chords` against the tune, phrases and ending in `context`.
    func accompaniment(for chords: [ChordSpan], context: AccompanimentContext) -> [PerformanceTrack]
    /// What the style had to simplify for these chords.
    func warnings(for chords: [ChordSpan]) -> [String]
}

extension ArrangementStyle {
    public func warnings(for chords: [ChordSpan]) -> [String] { [] }
    /// A style that does not listen to the tune plays the chords alone.
    public func accompaniment(for chords: [ChordSpan], context: AccompanimentContext) -> [PerformanceTrack] { accompaniment(for: chords) }
}

extension ArrangementStyle {
    /// The style file's definition, for styles read from one (intro, ending, tempo, meter).
    public var styleDefinition: StyleDefinition? { (self as? DataStyle)?.definition }
}

/// The styles Songbridge knows, by name: `none` and `basic`, the style files shipped with Songbridge, and style
/// files in the user's folder (`$SONGBRIDGE_STYLES`, else `~/.config/songbridge/styles`), which add to or replace them.
public enum StyleLibrary {
    /// The shipped style files, read once. Their errors are the build's (the tests read every one).
    public static let shipped: [any ArrangementStyle] = {
        guard let folder = shippedFolder else { return [] }
        do { return try read(folder: folder) } catch { preconditionFailure("a shipped style file is broken: \(error)") }
    }()

    /// The user's style folder.
    public static var userFolder: URL { URL(fileURLWithPath: userFolderPath, isDirectory: true) }

    /// The user's style folder as a path. Read with `getenv` and joined as text: building the whole environment
    /// dictionary and a URL cost about half a millisecond at every start of `songbridge render`.
    static var userFolderPath: String {
        if let path = getenv("SONGBRIDGE_STYLES").map({ String(cString: $0) }), !path.isEmpty { return path }
        // $HOME rather than the user database: looking the user up costs milliseconds at every start.
        let home = getenv("HOME").map { String(cString: $0) } ?? "/"
        return (home.hasSuffix("/") ? home : home + "/") + ".config/songbridge/styles"
    }

    /// Every `.style` file in `folder`, by name.
    public static func read(folder: URL) throws(StyleError) -> [any ArrangementStyle] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".style") }.sorted()
        var out: [any ArrangementStyle] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw StyleError(file: url.path, line: 1, message: "cannot be read as UTF-8 text") }
            out.append(DataStyle(try StyleParser.parse(text, file: url.path)))
        }
        return out
    }

    /// Every style: built in, shipped, then the user's (a user style replaces one of the same name).
    public static func all(userFolder: URL = StyleLibrary.userFolder) throws(StyleError) -> [any ArrangementStyle] {
        var styles: [any ArrangementStyle] = [MelodyOnlyStyle(), BasicStyle()] + shipped
        for style in try read(folder: userFolder) {
            styles.removeAll { $0.name == style.name }
            styles.append(style)
        }
        return styles
    }

    /// The style a song is arranged in: the one asked for, else the song's own (`{x_songbridge_style}`), else
    /// basic. The CLI, the server, the render jobs and the export all choose by this one rule.
    public static func styleName(asked: String?, for song: Song) -> String {
        asked ?? song.metadata.style ?? "basic"
    }

    /// The style called `name`, if there is one. Only that style's file is read (a user's file first), so
    /// choosing a style costs a fraction of a millisecond rather than reading them all; a user file with an error
    /// is skipped here (`all` and `songbridge styles` report it).
    public static func style(named name: String) -> (any ArrangementStyle)? {
        let lower = name.lowercased()
        if lower == "none" { return MelodyOnlyStyle() }
        if lower == "basic" { return BasicStyle() }
        guard lower.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        let user = userFolderPath + "/\(lower).style"
        if access(user, F_OK) == 0, let text = try? String(contentsOfFile: user, encoding: .utf8), let def = try? StyleParser.parse(text, file: user), def.name == lower {
            return DataStyle(def)
        }
        if let cached = cache.withLock({ $0[lower] }) { return cached }
        guard let folder = shippedFolder else { return nil }
        let file = folder.appendingPathComponent("\(lower).style")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let style: DataStyle
        do { style = DataStyle(try StyleParser.parse(text, file: file.path)) } catch { preconditionFailure("a shipped style file is broken: \(error)") }
        cache.withLock { $0[lower] = style }
        return style
    }

    /// Shipped styles already read in this process.
    private static let cache = Mutex<[String: DataStyle]>([:])

    /// Whether a style of that name exists, without reading it.
    public static func exists(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return false }
        if lower == "none" || lower == "basic" { return true }
        if access(userFolderPath + "/\(lower).style", F_OK) == 0 { return true }
        return shippedFolder.map { access($0.path + "/\(lower).style", F_OK) == 0 } ?? false
    }

    /// Where the shipped style files are: beside the program in SwiftPM's resource folder, found directly
    /// (asking Foundation's Bundle costs a millisecond at start-up), else through Bundle.module.
    static let shippedFolder: URL? = {
        // The kernel's link to this program is already free of symlinks (an installed `songbridge` is a link into
        // lib/songbridge); resolving argv[0] by hand is the fallback.
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().path
        let beside = URL(fileURLWithPath: program).deletingLastPathComponent().appendingPathComponent("Songbridge_Arrangement.resources/Styles")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return Bundle.module.url(forResource: "Styles", withExtension: nil)
    }()

    /// The names of every style, for help and errors.
    public static var names: [String] { ((try? all()) ?? [MelodyOnlyStyle(), BasicStyle()] + shipped).map(\.name) }
}
