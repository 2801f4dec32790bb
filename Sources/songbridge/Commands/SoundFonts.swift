import ArgumentParser
import SongSynth

/// `songbridge soundfonts`: the SoundFonts that render can use.
struct SoundFonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundfonts",
        abstract: "List the SoundFonts found (Soundfonts/, /usr/share/sounds/sf2, /usr/share/soundfonts).")

    func run() throws {
        let library = SoundFontLibrary()
        let fonts = library.all()
        guard !fonts.isEmpty else {
            printError("songbridge: no SoundFonts found; install timgm6mb-soundfont (make run does) or put a .sf2 file in Soundfonts/")
            throw ExitCode(ExitStatus.cannotOpen)
        }
        let chosen = try? library.choose(nil)
        for font in fonts {
            print("\(font.url == chosen?.url ? "*" : " ") \(font.name.padded(to: 14)) \(font.size / 1_048_576) MB  \(font.url.path)")
        }
        print("* is the default; choose another with --soundfont NAME or SONGBRIDGE_SOUNDFONT")
    }
}
