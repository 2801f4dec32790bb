import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongMIDI
import SongSynth
import SongText

/// The song and how to arrange it: shared by `render` and `play`.
struct SongOptions: ParsableArguments {
    @Argument(help: "The song (.cho, .abc or .mid).", completion: .file(extensions: ["cho", "abc", "mid"]))
    var file: String


    @Option(help: ArgumentHelp("In ABC files, the tune with this X: number.", valueName: "X"))
    var tune: Int?


    @Option(help: ArgumentHelp("A SoundFont name (see `songbridge soundfonts`) or path.", valueName: "name|path"))
    var soundfont: String?


    @Option(help: ArgumentHelp("The arrangement style (none, basic, folk, waltz…: see `songbridge styles`); the song's own {x_songbridge_style}, else basic, when left out.", valueName: "style"))
    var style: String?


    @Option(help: ArgumentHelp("Beats per minute, replacing the song's tempo.", valueName: "bpm"))
    var tempo: Double?


    @Option(name: .customLong("tempo-scale"), help: ArgumentHelp("Multiply the tempo (0.8 is a slower practice render).", valueName: "factor"))
    var tempoScale: Double?


    @Option(parsing: .unconditional, help: ArgumentHelp("Semitones to move the song by.", valueName: "semitones"))
    var transpose: Int?


    @Option(help: ArgumentHelp("A key to move the song to.", valueName: "key"))
    var key: String?


    @Option(name: .customLong("fit-key"), help: ArgumentHelp("Choose the key for who will sing: generations (child,older-adult) or NAME=LOW-HIGH (altos=G3-C5), comma-separated.", valueName: "groups"))
    var fitKey: String?

    @Option(help: ArgumentHelp("The lead voice doubling the melody: flute, choir, piano, whistle, violin, or a General MIDI program 0-127.", valueName: "voice"))
    var lead: String?

    @Option(help: ArgumentHelp("A harmony voice below the melody: third or sixth.", valueName: "interval"))
    var harmony: String?

    @Flag(help: "A practice render: slower (0.8 unless a tempo is given), the melody louder, a count-in.")
    var practice = false

    @Option(name: .customLong("my-lines"), help: ArgumentHelp("Hear my lines: only the lines of these contributor ids or generations carry the melody (comma-separated).", valueName: "ids"))
    var myLines: String?

    @Flag(help: "Also write Soft Karaoke text events (for .kar players); name the MIDI file .kar to taste.")
    var kar = false


    @Flag(name: .customLong("count-in"), help: "A bar of clicks before the music.")
    var countIn = false

    @Option(help: ArgumentHelp("How the band finishes: held (the home chord held as it slows) or button (struck short, in time).", valueName: "held|button"))
    var ending: EndingKind = .held

    @Option(name: .customLong("lift-last-chorus"), help: ArgumentHelp("Move the last chorus up this many semitones (1 or 2 is usual, at most 5): a key change to finish on.", valueName: "semitones"))
    var liftLastChorus: Int?


    @Flag(name: .customLong("latin1"), help: "Encode lyrics as Latin-1 for older karaoke players (UTF-8 otherwise).")
    var latin1 = false


    @Flag(help: "Show FluidSynth's own warnings and errors.")
    var verbose = false

    func validate() throws {
        if tempo != nil && tempoScale != nil { throw ValidationError("give --tempo or --tempo-scale, not both") }
        if transpose != nil && key != nil { throw ValidationError("give --transpose or --key, not both") }
        if let key, Key(key) == nil { throw ValidationError("'\(key)' is not a key; try G, Bb, F#m or Ddor") }
        if let style, !StyleLibrary.exists(style) {
            throw ValidationError("unknown style '\(style)'; the styles are \(StyleLibrary.names.joined(separator: ", "))")
        }
        if let tempo, !(10...400).contains(tempo) { throw ValidationError("--tempo must be between 10 and 400") }
        if let fitKey {
            if key != nil || transpose != nil { throw ValidationError("give --fit-key, --key or --transpose, not more than one") }
            for g in fitKey.split(separator: ",") where VoiceRange(group: String(g)) == nil {
                throw ValidationError("'\(g)' is not a group; use child, teen, young-adult, adult, older-adult, or NAME=LOW-HIGH like altos=G3-C5")
            }
        }
        if let lead, SongOptions.leadPrograms[lead] == nil, Int(lead).map({ (0...127).contains($0) }) != true {
            throw ValidationError("--lead must be one of \(SongOptions.leadPrograms.keys.sorted().joined(separator: ", ")) or a program 0-127")
        }
        if let harmony, harmony != "third" && harmony != "sixth" { throw ValidationError("--harmony must be third or sixth") }
        if let liftLastChorus, !(1...5).contains(liftLastChorus) { throw ValidationError("--lift-last-chorus must be 1 to 5 semitones") }
    }

    /// The MIDI to render: a song arranged, or a MIDI file as it is (transposed or re-timed if asked).
    func makeMIDI() throws -> MIDIFile { try makeRender().midi }

    /// The MIDI to render, and the tags its audio is to carry: a song's title, public credits and tour stop
    /// (`AudioTags(song:)`); none but the encoder for a MIDI file played as it is.
    func makeRender() throws -> (midi: MIDIFile, tags: AudioTags) {
        let options = MIDIWriteOptions(encoding: latin1 ? .latin1 : .utf8, karaoke: kar)
        if URL(fileURLWithPath: file).pathExtension.lowercased() == "mid" || URL(fileURLWithPath: file).pathExtension.lowercased() == "kar" {
            guard let data = FileManager.default.contents(atPath: file) else { throw fail("\(file): cannot open: no such file", ExitStatus.cannotOpen) }
            let input: MIDIFile
            do { input = try MIDIFile(bytes: [UInt8](data)) } catch { throw fail("\(file): not a MIDI file we can read: \(error)", ExitStatus.invalidInput) }
            if style == nil {
                return (input.transposed(by: transpose ?? 0).retimed(by: tempo.map { $0 / input.startingTempo.quarterNotesPerMinute } ?? tempoScale ?? 1), AudioTags())
            }
            guard let song = input.importedSong(title: stemTitle) else { throw fail("\(file): no melody to arrange (no notes outside the drum channel)", ExitStatus.invalidInput) }
            return (MIDIFile(performance: try arrange(song), options: options), AudioTags(song: song))
        }
        var contents = try readSongFile(file)
        if let tune {
            let picked: SongFile.Contents?
            do { picked = try contents.selecting(tune: tune) } catch { throw fail("\(file): --tune works on ABC files only", ExitStatus.usage) }
            guard let selected = picked else { throw fail("\(file): no tune with X:\(tune)", ExitStatus.invalidInput) }
            contents = selected
        }
        guard let song = contents.songs.first else { throw fail("\(file): no song in the file", ExitStatus.invalidInput) }
        return (MIDIFile(performance: try arrange(song), options: options), AudioTags(song: song))
    }

    var stemTitle: String { URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent }

    /// General MIDI programs for the lead voices people ask for by name.
    static let leadPrograms: [String: Int] = ["piano": 0, "flute": 73, "choir": 52, "whistle": 78, "violin": 40, "clarinet": 71, "oboe": 68, "voice": 53]

    func arrange(_ song: Song) throws -> Performance {
        var options = ArrangementOptions(
            style: StyleLibrary.styleName(asked: style, for: song), tempo: tempo, tempoScale: tempoScale ?? (practice && tempo == nil ? 0.8 : 1), transpose: transpose,
            key: key.flatMap { Key($0) }, countIn: countIn || practice)
        options.leadProgram = lead.flatMap { SongOptions.leadPrograms[$0] ?? Int($0) }
        options.harmony = harmony.map { $0 == "third" ? 3 : 6 }
        options.practice = practice
        options.ending = ending
        options.liftLastChorus = liftLastChorus ?? 0
        options.myLines = Set((myLines ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let fitKey {
            options.fitGroups = fitKey.split(separator: ",").compactMap { VoiceRange(group: String($0)) }
            if let fit = Arranger.keyFit(song, groups: options.fitGroups) { print(KeyFitReport.text(fit, groups: options.fitGroups)) }
        }
        let performance: Performance
        do { performance = try Arranger.perform(song, options: options) } catch { throw fail("\(file): \(error)", ExitStatus.invalidInput) }
        for w in performance.warnings { printError("songbridge: warning: \(w)") }
        return performance
    }
}
