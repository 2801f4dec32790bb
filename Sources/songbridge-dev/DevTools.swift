import ArgumentParser

/// Developer tools: benchmarks and the long fuzz run. Not installed; run with `swift run -c release songbridge-dev`.
@main
struct DevTools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "songbridge-dev",
        abstract: "Songbridge benchmarks and fuzzing.",
        subcommands: [Bench.self, ScaleArchive.self, ArrangeBench.self, Fuzz.self, RoundTrip.self, Generate.self, Corpus.self, TuneSearchBench.self, MusicXMLBench.self, SongbookBench.self, HarmonyBench.self, MeterBench.self, PitchTrace.self]
    )
}
