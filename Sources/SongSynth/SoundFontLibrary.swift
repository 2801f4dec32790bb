import Foundation

/// Finds SoundFonts: `Soundfonts/` in the current folder, then the system folders Debian installs into.
/// A font is named by `--soundfont NAME|PATH` or `SONGBRIDGE_SOUNDFONT`; otherwise TimGM6mb is the default.
public struct SoundFontLibrary: Sendable {
    /// The folders searched, in order.
    public var folders: [URL]

    /// The default search path.
    public static let standardFolders = [
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Soundfonts"),
        URL(fileURLWithPath: "/usr/share/sounds/sf2"),
        URL(fileURLWithPath: "/usr/share/soundfonts"),
    ]

    /// The font used when none is named.
    public static let defaultName = "TimGM6mb"

    /// A library searching `folders`.
    public init(folders: [URL] = SoundFontLibrary.standardFolders) { self.folders = folders }

    /// Why a font could not be chosen.
    public struct LookupError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Every `.sf2` and `.sf3` file found, real files only (symbolic links to a font already listed are skipped).
    public func all() -> [SoundFont] {
        var seen: Set<String> = []
        var fonts: [SoundFont] = []
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.lowercased().hasSuffix(".sf2") || name.lowercased().hasSuffix(".sf3") {
                let url = folder.appendingPathComponent(name)
                let real = url.resolvingSymlinksInPath().path
                guard seen.insert(real).inserted else { continue }
                fonts.append(SoundFont(url: url))
            }
        }
        return fonts
    }

    /// The font to use: `requested` (a path, or a name matched without case against the fonts found), else
    /// `SONGBRIDGE_SOUNDFONT`, else TimGM6mb, else the first font found.
    public func choose(_ requested: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LookupError) -> SoundFont {
        let wanted = requested ?? environment["SONGBRIDGE_SOUNDFONT"].flatMap { $0.isEmpty ? nil : $0 }
        let fonts = all()
        if let wanted {
            if wanted.contains("/") || wanted.lowercased().hasSuffix(".sf2") || wanted.lowercased().hasSuffix(".sf3") {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: wanted, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    throw LookupError(description: "no SoundFont file at \(wanted)")
                }
                return SoundFont(url: URL(fileURLWithPath: wanted))
            }
            if let font = fonts.first(where: { $0.name.lowercased() == wanted.lowercased() }) { return font }
            let known = fonts.map(\.name).joined(separator: ", ")
            throw LookupError(description: "no SoundFont named '\(wanted)'" + (known.isEmpty ? "; none are installed" : "; found: \(known)"))
        }
        if let font = fonts.first(where: { $0.name.lowercased() == SoundFontLibrary.defaultName.lowercased() }) ?? fonts.first { return font }
        throw LookupError(description: "no SoundFont found in \(folders.map(\.path).joined(separator: ", ")); install timgm6mb-soundfont (make run does) or name a SoundFont file")
    }
}
