import ArgumentParser
import SongArchive

/// The `songbridge` command: thin subcommands over the Songbridge libraries.
@main
struct Songbridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "songbridge",
        abstract: "Keep, check and share the songs a community writes together.",
        discussion: """
            Songbridge reads song sheets in ChordPro (.cho) with melodies in ABC, and ABC tune files (.abc). \
            Exit status: 0 success, 64 bad arguments, 65 invalid input, 66 a file or record that is not there, 69 a device that is not there, 73 an output that cannot be written, 75 try again (the archive is busy, read-only or moved on).
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "Song files", subcommands: [Check.self, Transpose.self, LyricsCommand.self, Harmonise.self, Simplify.self, MusicXMLCommand.self]),
            CommandGroup(name: "Hearing a song", subcommands: [Render.self, Play.self, Styles.self, SoundFonts.self]),
            CommandGroup(name: "Capturing a tune", subcommands: [Transcribe.self, Capture.self]),
            CommandGroup(name: "Songs in the archive", subcommands: [
                SongCommand.self, Contribute.self, Accept.self, Reject.self, Merge.self, Versions.self, Diff.self, Show.self,
            ]),
            CommandGroup(name: "People and places", subcommands: [ContributorCommand.self, ConsentCommand.self, EraseCommand.self, StopCommand.self, SessionCommand.self]),
            CommandGroup(name: "The archive", subcommands: [List.self, Search.self, Import.self, Export.self, SongbookCommand.self, Backup.self, ReferenceCommand.self, SyncCommand.self]),
            CommandGroup(name: "Server", subcommands: [Serve.self, PreparePages.self, TokenCommand.self, OrganisationCommand.self, CertCommand.self]),
        ]
    )

    /// Runs the command. A bad argument is one line on standard error (`Error: …`) and exit 64, as every other
    /// error is one line: ArgumentParser would add the usage, which the one-line rule leaves to `--help`. Help and
    /// the version print as ArgumentParser prints them; errors the commands report themselves (`ExitCode`) keep
    /// their status.
    static func main() async {
        do {
            if let quick = QuickStart.command(Array(CommandLine.arguments.dropFirst())) {
                try await quick.run()
                return
            }
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand { try await asynchronous.run() } else { try command.run() }
        } catch let status as ExitCode {
            exit(withError: status)
        } catch let refusal as ArchiveError {
            printError("songbridge: \(refusal.message)")
            exit(withError: ExitCode(ExitStatus.of(refusal.kind)))
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            printError(first.hasPrefix("Error: ") ? first : "Error: " + first)
            exit(withError: ExitCode(exitCode(for: error).rawValue))
        }
    }
}
