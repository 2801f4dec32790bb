import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging
import Lyrics
import Mustache
import PostgresArchive
import SongArchive
import SongCore
import SongText

/// Builds the Songbridge server: the JSON API under /api/v1 and the web pages, over one archive.
public enum SongServer {
    /// The largest request body accepted (a contribution is a few lines of text or ABC).

    /// The application for `settings`; `onRunning` gets the port it listens on (useful with port 0).
    public static func buildApplication(_ settings: ServerSettings, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
        if let token = settings.token, let problem = ServerSettings.problem(withToken: token) { throw HTTPError(.badRequest, message: problem) }
        // The melodic index is read as soon as the archive is open rather than by the first tune search (a third of
        // a second for 13,000 tunes, 1.4 s of CPU for 100,000 songs); a write makes the next search read it again.
        // On a thread of its own at a lower priority, so the first requests are answered first.
        let prepare: @Sendable (TourArchive) -> Void = { archive in
            BackgroundThread.start(name: "tunes", niceness: 10) { try? archive.prepareTuneSearch() }
        }
        // Every request goes through `ArchiveWait`: at once to the routes when the archive opens now, and for a central
        // archive whose PostgreSQL is not taking connections yet, a 503 until it is.
        let responder = ArchiveWait()
        var opened: TourArchive?
        do {
            let archive = try TourArchive.open(settings.archivePath, source: "server", busyTimeout: settings.busyTimeout)
            responder.serve(try await buildResponder(archive: archive, settings: settings))
            opened = archive
        } catch let error as ArchiveError where error.kind == .busy && PostgresLocation.isURL(settings.archivePath) {
            responder.open(settings.archivePath, after: error, logger: Logger(label: "Songbridge"),
                           build: { try await buildResponder(archive: $0, settings: settings) }, opened: prepare)
        }
        let archive = opened
        return Application(
            responder: responder,
            server: try serverBuilder(settings),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Songbridge"),
            onServerRunning: { channel in
                if let archive { prepare(archive) }
                await onRunning(channel.localAddress?.port ?? settings.port)
            })
    }

    /// HTTP/1.1, in TLS when the settings carry a certificate, closing connections idle for `settings.idleTimeout`.
    static func serverBuilder(_ settings: ServerSettings) throws -> HTTPServerBuilder {
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .milliseconds(Int64(settings.idleTimeout * 1000))))
        guard let tls = settings.tls else { return http1 }
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(tls.chainPEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(bytes: Array(tls.keyPEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            return try .tls(http1, tlsConfiguration: configuration)
        } catch {
            throw HTTPError(.badRequest, message: "the server certificate cannot be used: \(error)")
        }
    }

    /// The application's responder: paths put in one form (`CanonicalPathResponder`), then the router.
    static func buildResponder(archive: TourArchive, settings: ServerSettings) async throws -> some HTTPResponder<SongRequestContext> {
        CanonicalPathResponder(inner: try await buildRouter(archive: archive, settings: settings).buildResponder())
    }

    /// The router: every API route from `APIRoute.all` and every page from `PageRoute.all`, each behind the access
    /// check its table entry names (decided after the route has matched, never from the path as written).
    static func buildRouter(archive: TourArchive, settings: ServerSettings) async throws -> Router<SongRequestContext> {
        let router = Router(context: SongRequestContext.self, options: .caseInsensitive)
        router.add(middleware: ErrorAnswers())
        if archive.isRemote { router.add(middleware: ArchiveWork()) }
        router.add(middleware: RequestGuard(settings: settings))
        let pages = try await Pages.load()
        // Without the kept parts' file (a read-only folder), pages are worked out as they are asked, as before.
        let kept: KeptParts?
        do { kept = try KeptParts(path: settings.keptPath, mostDrawings: KeptParts.room(forSongs: (try? archive.songCount()) ?? 0)) } catch {
            Logger(label: "Songbridge").warning("\(error); song pages' drawings and likenesses are not kept on disk")
            kept = nil
        }
        FileWarmer.warmServer(archive: archive, keptPath: kept?.path, archivePath: settings.archivePath, logger: Logger(label: "Songbridge"))
        let api = API(archive: archive, renders: RenderJobs(folder: URL(fileURLWithPath: settings.renderFolder), cacheBytes: settings.renderCacheBytes), settings: settings, kept: kept)
        func guarded(_ access: RouteAccess) -> RouterGroup<SongRequestContext> {
            router.group().add(middleware: AccessMiddleware(access: access, settings: settings, archive: archive))
        }
        for route in APIRoute.all {
            let handler: API.Handler = { request, context in
                try route.check(request.uri.queryParameters)
                guard route.kept else { return try await route.handle(api)(request, context, route) }
                return try await api.answers.answer(request, archive: archive) { try await route.handle(api)(request, context, route) }
            }
            let group = guarded(route.access)
            switch route.method {
            case .get: group.get(RouterPath(route.path), use: handler)
            case .post: group.post(RouterPath(route.path), use: handler)
            case .patch: group.patch(RouterPath(route.path), use: handler)
            }
        }
        for route in PageRoute.all {
            let handler = route.handle(pages, api)
            guarded(route.access).get(RouterPath(route.path), use: !route.kept ? handler : { request, context in
                try await api.answers.answer(request, archive: archive) { try await handler(request, context) }
            })
        }
        return router
    }
}
