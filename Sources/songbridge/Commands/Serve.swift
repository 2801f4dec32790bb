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
            let made = (try? Archive(path: path).tokens().contains { $0.revokedAt == nil }) ?? false
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
