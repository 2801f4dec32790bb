// The server and the tokens that tablets use to reach it.
import ArgumentParser
import Foundation
import Hummingbird
import LocalAuthority
import PostgresArchive
import SongArchive
import SongCore
import SongServer

/// `songbridge serve`: the archive on a local web server (loopback unless told otherwise).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the archive's pages and JSON API (http://127.0.0.1:8080 by default).")
    @OptionGroup var store: ArchiveOption
    @Option(help: "The address to listen on; anything but loopback needs --token for changes.") var host = "127.0.0.1"
    @Option(help: "The port (0 picks a free one).") var port = 8080
    @Option(help: "The facilitator token that changes from other machines must send (or $SONGBRIDGE_TOKEN).") var token: String?
    @Option(help: "How many MB of rendered drafts to keep beside the archive; the least recently asked-for go first.") var renderCacheMb = 2048
    @Option(name: .customLong("public-url"), help: "The archive's public address; songbooks then name each song's page there.") var publicURL: String?
    @Option(help: ArgumentHelp("Where song pages' drawings and likenesses are kept (default: ARCHIVE.kept beside the file; for a postgres:// archive, in the system's temporary folder).", valueName: "file"))
    var kept: String?
    @Flag(help: "Serve HTTPS, with a certificate issued now by this laptop's authority (songbridge cert create) for its current addresses and name.local: tablets need it for the microphone and MIDI.")
    var tls = false
    @Option(help: ArgumentHelp("The authority's folder (default $SONGBRIDGE_CA, else ~/.config/songbridge/authority).", valueName: "folder"))
    var authority: String?

    func validate() throws {
        guard renderCacheMb > 0 else { throw ValidationError("--render-cache-mb must be at least 1") }
    }

    func run() async throws {
        let path = store.path
        var settings = ServerSettings(archivePath: path, host: host, port: port, token: token ?? ProcessInfo.processInfo.environment["SONGBRIDGE_TOKEN"])
        settings.renderCacheBytes = Int64(renderCacheMb) << 20
        if let kept { settings.keptPath = kept }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? "") else { throw ValidationError("--public-url is an http:// or https:// address") }
            settings.publicAddress = url
        }
        let host = settings.host
        // Beyond this machine, changes need a facilitator token: one made with `songbridge token create` (kept
        // in the archive), or one given here.
        if !settings.isLoopback && settings.token == nil {
            let made: Bool
            do {
                made = try TourArchive.open(path, source: "songbridge serve").tokens().contains { $0.revokedAt == nil }
            } catch where error.kind == .busy && PostgresLocation.isURL(path) {
                // PostgreSQL is not taking connections yet, so the tokens cannot be counted: the server starts, answers
                // 503 until it can open the archive, and then takes only the tokens the archive holds.
                made = true
            } catch {
                made = false
            }
            if !made {
                printError("songbridge: serving beyond this machine needs a facilitator token: make one with songbridge token create, or give --token")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if let token = settings.token, let problem = ServerSettings.problem(withToken: token) {
            printError("songbridge: \(problem)")
            throw ExitCode(ExitStatus.usage)
        }
        var names: [String] = []
        if tls {
            let folder = authority.map { URL(fileURLWithPath: $0) } ?? LocalAuthority.defaultFolder
            do {
                let ca = try LocalAuthority.load(from: folder)
                let issued = try ca.issueServerCertificate(hostName: LocalAddresses.hostName, addresses: LocalAddresses.current() + ["127.0.0.1", "::1"])
                settings.tls = ServerSettings.TLS(chainPEM: issued.chainPEM, keyPEM: issued.keyPEM, authorityPEM: ca.certificatePEM)
                names = issued.names
            } catch {
                throw fail(error.message, ExitStatus.unavailable)
            }
        }
        let scheme = settings.scheme, certified = names
        ServerMemory.mapLargeBlocks()
        let app = try await SongServer.buildApplication(settings) { port in
            print("Songbridge is serving \(path) at \(scheme)://\(host):\(port)/")
            if let first = certified.first {
                print("HTTPS for \(certified.joined(separator: ", ")); tablets install \(scheme)://\(first):\(port)/songbridge-ca.crt once")
            }
            fflush(nil)
        }
        try await app.runService()
    }
}

/// `songbridge prepare-pages`: every song page (its drawings and likenesses with it) and every song's JSON made now
/// and kept, so the first visitor of each does not wait for them.
struct PreparePages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare-pages",
        abstract: "Make every song's page (its notation drawn, its likenesses found) and its JSON now, so each is quick the first time it is asked.",
        discussion: "They are kept beside the archive (ARCHIVE.kept), or for a postgres:// archive in the system's temporary folder, where songbridge serve reads them. A merge through the server prepares its song by itself; run this after a bulk import or a sync.")
    @OptionGroup var store: ArchiveOption
    @Option(help: ArgumentHelp("Where to keep them (default: where songbridge serve looks without its --kept).", valueName: "file")) var kept: String?

    func run() async throws {
        var settings = ServerSettings(archivePath: store.path)
        if let kept { settings.keptPath = kept }
        let started = Date()
        let done = try await SongServer.preparePages(settings)
        print("Prepared \(done.prepared) of \(done.songs) song page\(done.songs == 1 ? "" : "s") (\(done.drawings) tune\(done.drawings == 1 ? "" : "s") drawn) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; kept in \(done.path)")
    }
}

/// `songbridge token create|list|revoke`: facilitator tokens for tablets that reach the server over the network.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Facilitator tokens: what a tablet needs to add lines when the server listens beyond this machine.",
        subcommands: [Create.self, ListTokens.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a token; prints its number, then the token (shown once: only its hash is kept).")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Whose or which device's it is, e.g. \"Sam's tablet\".") var label: String
        @Option(help: ArgumentHelp("The partner organisation whose token it is (by name): it sees that organisation's private details only. Default: the archive's own.", valueName: "name"))
        var organisation: String?
        func run() throws {
            let archive = try store.open("token create")
            let made = try archive.createToken(label: label, organisation: organisation)
            print(made.id)
            print(made.token)
        }
    }

    struct ListTokens: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The tokens made: number, label, made, revoked, organisation (never the tokens).")
        @OptionGroup var store: ArchiveOption
        func run() throws {
            let archive = try store.open("token list")
            for t in try archive.tokens() {
                print("\(t.id)\t\(t.label)\t\(t.createdAt)\t\(t.revokedAt.map { "revoked \($0)" } ?? "active")\t\(t.organisation ?? "(this archive's own)")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its number; it stops working at once.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "The token's number (see token list).") var id: Int64
        func run() throws {
            let archive = try store.open("token revoke")
            try archive.revokeToken(id)
        }
    }
}

/// `songbridge organisation add|list`: the charity's partner organisations, whose tokens see only their own
/// private details.
struct OrganisationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation", abstract: "Partner organisations: each one's tokens see its own people's names and session notes, and no other's.",
        subcommands: [Add.self, ListAll.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a partner organisation; prints its global id.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "Its name, e.g. \"Portrush Community Choir\".") var name: String
        func run() throws {
            print(try store.open("organisation add").addOrganisation(name: name).uid)
        }
    }

    struct ListAll: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The partner organisations: global id, name, added.")
        @OptionGroup var store: ArchiveOption
        func run() throws {
            for o in try store.open("organisation list").organisations() { print("\(o.uid)\t\(o.name)\t\(o.createdAt)") }
        }
    }
}

/// `songbridge cert create`: this laptop's certificate authority, for HTTPS to tablets (`serve --tls`).
struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "The laptop's certificate authority, for HTTPS to tablets (serve --tls).", subcommands: [Create.self, Show.self])

    /// Prints where the authority's certificate is, as the folder was given (relative when it was), for the
    /// facilitator to find the file to give tablets; then its fingerprint, for a tablet's to be checked against.
    static func show(_ ca: LocalAuthority, folder: String?) {
        print((folder.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ca.folder.path + "/") + LocalAuthority.certificateFile)
        print("SHA-256 \(ca.fingerprint)")
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make the authority once per laptop; prints where its certificate is (for tablets to install) and its SHA-256 fingerprint.",
            discussion: "It may vouch only for private addresses and .local names, so a lost laptop's authority cannot stand in for any other site.")
        @Option(help: ArgumentHelp("Where to keep it (default $SONGBRIDGE_CA, else ~/.config/songbridge/authority).", valueName: "folder"))
        var folder: String?
        @Option(help: "Its name, as a tablet shows it.") var name = "Songbridge on \(LocalAddresses.hostName)"
        func run() throws {
            if let problem = OneLineText.problem(name, what: "the name") { throw ValidationError(problem) }
            do {
                let ca = try LocalAuthority.create(in: folder.map { URL(fileURLWithPath: $0) } ?? LocalAuthority.defaultFolder, name: name)
                CertCommand.show(ca, folder: folder)
            } catch {
                throw fail(error.message, ExitStatus.cannotWrite)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Where the authority's certificate is, and its fingerprint.")
        @Option(help: ArgumentHelp("Its folder (default $SONGBRIDGE_CA, else ~/.config/songbridge/authority).", valueName: "folder"))
        var folder: String?
        func run() throws {
            do {
                let ca = try LocalAuthority.load(from: folder.map { URL(fileURLWithPath: $0) } ?? LocalAuthority.defaultFolder)
                CertCommand.show(ca, folder: folder)
            } catch {
                throw fail(error.message, ExitStatus.cannotOpen)
            }
        }
    }
}
