import ArgumentParser
import SongCore

/// `--tempo --meter --key --upbeat`: the time a take is written in, where the command line gives it (what it does
/// not give comes from the song, else from the notes).
struct TuneTimeOptions: ParsableArguments {
    @Option(help: "Quarter notes a minute; the song's, else estimated, if not given.")
    var tempo: Double?

    @Option(help: "The meter, as 3/4 or 6/8; the song's, else heard from the rhythm (three beats a bar or four), if not given.")
    var meter: String?

    @Option(help: "The key, as G or Em; the song's, else estimated, if not given.")
    var key: String?

    @Option(help: ArgumentHelp("Beats before the first bar line (a tune that starts on an upbeat); estimated if not given.", valueName: "beats"))
    var upbeat: Int?

    func validate() throws {
        if let tempo, !(20...400).contains(tempo) { throw ValidationError("--tempo must be between 20 and 400") }
        if let meter, Meter(meter) == nil { throw ValidationError("--meter must be a meter such as 4/4, 3/4 or 6/8") }
        if let key, Key(key) == nil { throw ValidationError("--key must be a key such as G, Em or D dorian") }
        if let upbeat, !(0...12).contains(upbeat) { throw ValidationError("--upbeat must be between 0 and 12 beats") }
    }

    /// The time given, with `song`'s (for `section`) where it gives none.
    func time(song: Song?, section: String?) -> TuneTime {
        let given = TuneTime(tempo: tempo.map { Tempo($0) }, meter: meter.flatMap { Meter($0) }, key: key.flatMap { Key($0) })
        return song.map { given.filling(from: $0.tuneTime(forSection: section)) } ?? given
    }
}
