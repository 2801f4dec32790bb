import ArgumentParser
import Foundation
import SongArchive
import SongCore
import SyncClient
import TourExport

/// `songbridge sync …`: laptops of one tour sharing their work without a network, by a bundle on a stick.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Share this laptop's work with the tour's other laptops, by a bundle file on a stick.",
        discussion: """
            Every record has a global id, so bundles can be taken in in any order, twice, or from laptop to laptop: \
            contributions join by union, and a consent withdrawal made on any laptop wins everywhere. After taking a \
            bundle in, merge the songs again (songbridge merge SONG) to hear everyone's lines together.
            Exit status: 0 done, 65 a bundle or batch refused (damaged, from another tour, in conflict: nothing changed), 66 a file that cannot be read, 73 a bundle that cannot be written, 75 no answer or a busy server (try again).
            """,
        subcommands: [Push.self, Pull.self, Export.self, Import.self, Status.self])

    /// What a network sync needs: the server, a facilitator token made there, and the certificate authority to
    /// trust for HTTPS.
    struct Remote: ParsableArguments {
        @Argument(help: "The other laptop's or the central server's address, e.g. http://192.168.1.20:8080.") var server: String
        @Option(help: ArgumentHelp("A facilitator token made on that server (default: $SONGBRIDGE_TOKEN).", valueName: "token")) var token: String?
        @Option(name: .customLong("ca"), help: ArgumentHelp("A certificate authority to trust for https (that laptop's songbridge-ca.crt).", valueName: "file")) var certificateAuthority: String?

        func client() throws -> SyncClient {
            let token = token ?? ProcessInfo.processInfo.environment["SONGBRIDGE_TOKEN"] ?? ""
            do { return try SyncClient(server: server, token: token, certificateAuthority: certificateAuthority) } catch {
                printError("songbridge: \(error.description)")
                throw ExitCode(ExitStatus.usage)
            }
        }
    }

    /// What a sync brought, a line; with `here`, the ids it had to change here and the people whose consent it
    /// decided again here.
    static func report(_ report: SyncReport, from: String, here: Bool) {
        guard !report.isEmpty else { print("\(from): nothing new"); return }
        print("\(from): \(report.stops) stops, \(report.sessions) sessions, \(report.people) people, \(report.songs) songs, \(report.contributions) contributions, "
              + "\(report.versions) versions, \(report.consentChanges) consent changes, \(report.reviews) reviews, \(report.erasures) erasures new")
        guard here else { return }
        for (old, new) in report.renamed.sorted(by: { $0.key < $1.key }) { print("renamed: \(old) is \(new) here (\(old) was taken)") }
        if !report.consentDecided.isEmpty { print("consent now decided again for: \(report.consentDecided.joined(separator: ", "))") }
    }

    /// A push or a pull: the archive opened, the server asked, what it brought reported; a failure one line,
    /// exit 75 when trying again may work, 65 for a refusal.
    static func network(_ name: String, _ store: ArchiveOption, _ remote: Remote, _ direction: String, here: Bool,
                        _ body: (SyncClient, TourArchive) async throws -> SyncReport) async throws {
        let client = try remote.client()
        let archive = try store.open("sync \(name)")
        do {
            report(try await body(client, archive), from: "\(direction) \(client.server)", here: here)
        } catch let failure as SyncClient.Failure {
            printError("songbridge: \(failure.description)")
            throw ExitCode(failure.tryAgain ? ExitStatus.tryAgain : ExitStatus.invalidInput)
        }
    }

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "push", abstract: "Send what arrived here since the last push to another laptop's or the central server.")
        @OptionGroup var store: ArchiveOption
        @OptionGroup var remote: Remote
        func run() async throws {
            try await SyncCommand.network("push", store, remote, "pushed to", here: false) { client, archive in try await client.push(from: archive) }
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pull", abstract: "Take in what arrived at another laptop's or the central server since the last pull.")
        @OptionGroup var store: ArchiveOption
        @OptionGroup var remote: Remote
        func run() async throws {
            try await SyncCommand.network("pull", store, remote, "pulled from", here: true) { client, archive in try await client.pull(into: archive) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write this laptop's work as a bundle: every stop, session and person, and the songs, contributions, versions and consent changes made since a date.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "The bundle to write (.zip).") var bundle: String
        @Option(help: ArgumentHelp("Only contributions, songs, versions and consent changes from this date on (YYYY-MM-DD or an ISO 8601 time).", valueName: "date")) var since: String?

        func run() throws {
            if let since, since.wholeMatch(of: /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?/) == nil {
                printError("songbridge: --since '\(since)' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
                throw ExitCode(ExitStatus.usage)
            }
            let archive = try store.open("sync export")
            let changes = try archive.syncChanges(since: since)
            let data = try SyncBundle.pack(changes)
            // AtomicFile, not Foundation's atomic write, which renames over whatever is there: as root, over /dev/full.
            do { try AtomicFile.write(data, to: bundle) } catch {
                printError("songbridge: cannot write \(bundle): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotWrite)
            }
            print("\(bundle): \(changes.people.count) people, \(changes.songs.count) songs, \(changes.contributions.count) contributions, \(changes.consent.count) consent changes, \(changes.erasures.count) erasures")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Take in another laptop's bundle: all of it, or (damaged, another tour's, or in conflict) none of it.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "The bundle to read (.zip).") var bundle: String
        @Option(help: ArgumentHelp("The partner organisation whose laptop made the bundle (by name): its people's names and its sessions' notes are kept as that organisation's, as a push with its token keeps them. Default: the archive's own.", valueName: "name"))
        var organisation: String?

        func run() throws {
            guard let size = (try? FileManager.default.attributesOfItem(atPath: bundle)[.size] as? NSNumber)?.intValue else {
                printError("songbridge: cannot read \(bundle)")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            guard size <= SyncBundle.maximumBytes else {
                printError("songbridge: \(bundle): the bundle is larger than \(SyncBundle.maximumBytes >> 20) MB; refused, nothing was changed")
                throw ExitCode(ExitStatus.invalidInput)
            }
            guard let data = FileManager.default.contents(atPath: bundle) else {
                printError("songbridge: cannot read \(bundle)")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            let changes: SyncChanges
            do { changes = try SyncBundle.unpack(data) } catch {
                printError("songbridge: \(bundle): \(error.description)")
                throw ExitCode(ExitStatus.invalidInput)
            }
            let archive = try store.open("sync import")
            // Taken in as that organisation's token would take it in over the network.
            let viewer = try organisation.map { ArchiveViewer.organisation(try archive.organisation($0).uid) } ?? TourArchive.viewer
            SyncCommand.report(try TourArchive.$viewer.withValue(viewer) { try archive.takeIn(changes) }, from: bundle, here: true)
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "This archive's global id, its tour's, and how far each server it synced with got.")
        @OptionGroup var store: ArchiveOption
        func run() throws {
            let archive = try store.open("sync status")
            let (id, tour) = try archive.syncIdentity()
            for peer in try archive.syncPeers() {
                print("server \(peer.server): pushed up to \(peer.pushedUpTo) here, pulled up to \(peer.pulledUpTo) there")
            }
            print("archive \(id)")
            print("tour \(tour)")
        }
    }
}
