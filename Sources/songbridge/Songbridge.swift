import ArgumentParser

/// The `songbridge` command: thin subcommands over the Songbridge libraries.
@main
struct Songbridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "songbridge",
        abstract: "Keep, check and share the songs a community writes together.",
        discussion: """
            Songbridge reads song sheets in ChordPro (.cho) with melodies in ABC, and ABC tune files (.abc). \
            Exit status: 0 success, 64 bad arguments, 65 invalid input, 66 a file that cannot be opened.
            """,
        version: "0.1.0",
        subcommands: [
            Check.self, Transpose.self, Render.self, Styles.self, SoundFonts.self, Play.self, LyricsCommand.self, Harmonise.self, Simplify.self,
            StopCommand.self, SessionCommand.self, ContributorCommand.self, TokenCommand.self, Serve.self, SongCommand.self, Contribute.self, Accept.self, Reject.self, Merge.self,
            Versions.self, Diff.self, Show.self, List.self, Search.self, Import.self, Export.self, ConsentCommand.self, Backup.self,
        ]
    )
}
