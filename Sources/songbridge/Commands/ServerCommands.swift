// The server and the tokens that tablets use to reach it.
import ArgumentParser
import Foundation
import Hummingbird
import SongArchive
import SongServer

/// `songbridge serve`: the archive on a local web server (loopback unless told otherwise).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the archive's pages and JSON API (http://127.0.0.1:8080 by default).")
    @OptionGroup var store: ArchiveOption
    @Option(help: "The address to listen on; anything but loopback needs --token for changes.") var host = "127.0.0.1"
    @Option(help: "The port (0 picks a free one).") var port = 8080
    @Option(help: "The facilitator token that changes from other machines must send (or $SONGBRIDGE_TOKEN).") var token: String?
    @Option(help: "How many MB of rendered drafts to keep beside the archive; the least recently asked-for go first.") var renderCacheMb = 2048

    func validate() throws {
        guard renderCacheMb > 0 else { throw ValidationError("--render-cache-mb must be at least 1") }
    }

    func run() async throws {
        let path = store.archive ?? ProcessInfo.processInfo.environment["SONGBRIDGE_ARCHIVE"].flatMap { $0.isEmpty ? nil : $0 } ?? "archive.sqlite"
        var settings = ServerSettings(archivePath: path, host: host, port: port, token: token ?? ProcessInfo.processInfo.environment["SONGBRIDGE_TOKEN"])
        settings.renderCacheBytes = Int64(renderCacheMb) << 20
        let host = settings.host
        // Beyond this machine, changes need a facilitator token: one made with `songbridge token create` (kept
        // in the archive), or one given here.
        if !settings.isLoopback && settings.token == nil {
            let made = (try? TourArchive(path: path).tokens().contains { $0.revokedAt == nil }) ?? false
            if !made {
                printError("songbridge: serving beyond this machine needs a facilitator token: make one with songbridge token create, or give --token")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if let token = settings.token, let problem = ServerSettings.problem(withToken: token) {
            printError("songbridge: \(problem)")
            throw ExitCode(ExitStatus.usage)
        }
        let app = try await SongServer.buildApplication(settings) { port in
            print("Songbridge is serving \(path) at http://\(host):\(port)/")
            fflush(nil)
        }
        try await app.runService()
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
        func run() throws {
            let archive = try store.open("token create")
            let made = try archive.createToken(label: label)
            print(made.id)
            print(made.token)
        }
    }

    struct ListTokens: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The tokens made: number, label, made, revoked (never the tokens).")
        @OptionGroup var store: ArchiveOption
        func run() throws {
            let archive = try store.open("token list")
            for t in try archive.tokens() {
                print("\(t.id)\t\(t.label)\t\(t.createdAt)\t\(t.revokedAt.map { "revoked \($0)" } ?? "active")")
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
