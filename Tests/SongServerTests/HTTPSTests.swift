import Foundation
import SongArchive
import SongTesting
import Testing
import X509
@testable import LocalAuthority
@testable import SongServer

/// HTTPS for tablets: the laptop's authority, the certificate it issues at each start, and real clients (curl, and
/// headless Chromium with its own certificate store) that trust only that authority, as a tablet that installed it
/// does; the name constraints checked by a real verifier (openssl), which must refuse a certificate the authority
/// signed for any other site.
@Suite(.serialized) struct HTTPSTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("https-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A program beside the in-process server (never blocking the threads it answers on).
    func run(_ program: String, _ arguments: [String], in dir: URL) async throws -> CommandResult {
        try await CommandRunner.run(URL(fileURLWithPath: try #require(CommandRunner.program(program), "\(program) is installed by setup")), arguments, in: dir)
    }

    @Test func aTabletThatInstalledTheAuthorityReachesTheServerOverHTTPS() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ca = try LocalAuthority.create(in: dir.appendingPathComponent("ca"), name: "Songbridge on tour-laptop")
        // The venue's network gives the laptop a private address; a public one (never vouched for) is left out.
        let issued = try ca.issueServerCertificate(hostName: "Tour-Laptop.lan", addresses: ["192.168.1.20", "8.8.8.8", "127.0.0.2", "fe80::1%eth0", "127.0.0.2"])
        #expect(issued.names == ["tour-laptop.local", "localhost", "192.168.1.20", "127.0.0.2", "fe80::1"])
        // Listening as it would in a room (127.0.0.2 stands for the venue address: it is not loopback to the server).
        let server = try await LiveServer(host: "127.0.0.2", token: "a-token-for-the-tablets-22", tls: ServerSettings.TLS(chainPEM: issued.chainPEM, keyPEM: issued.keyPEM, authorityPEM: ca.certificatePEM),
                                          prepare: ServerTests.demoArchive)
        defer { server.stop() }
        #expect(server.base.scheme == "https")
        let caFile = dir.appendingPathComponent("ca/songbridge-ca.pem").path
        let port = "\(server.base.port ?? 0)"

        // Trusting only the laptop's authority, by address and by the laptop's .local name (resolved here to loopback).
        let stops = try await run("curl", ["-sS", "--fail", "--cacert", caFile, "https://127.0.0.2:\(port)/api/v1/stops"], in: dir)
        #expect(stops.status == 0 && stops.stdout.contains("machynlleth"), "\(stops.stderr)")
        let byName = try await run("curl", ["-sS", "--fail", "--cacert", caFile, "--resolve", "tour-laptop.local:\(port):127.0.0.2", "https://tour-laptop.local:\(port)/"], in: dir)
        #expect(byName.status == 0 && byName.stdout.contains("<html"), "\(byName.stderr)")
        // The authority's certificate is there to install, and is the one on disk.
        let offered = try await run("curl", ["-sS", "--fail", "--cacert", caFile, "https://127.0.0.2:\(port)/songbridge-ca.crt"], in: dir)
        #expect(offered.stdout == (try String(contentsOfFile: caFile, encoding: .utf8)))
        // Trusting another laptop's authority instead, a client refuses the server (curl's 60: the peer's certificate
        // cannot be checked). Given explicitly: a new machine may have no system store (ca-certificates is only a
        // Recommends of libcurl4, which setup does not install).
        let other = try LocalAuthority.create(in: dir.appendingPathComponent("other"), name: "Another laptop")
        let otherFile = other.folder.appendingPathComponent(LocalAuthority.certificateFile).path
        #expect(try await run("curl", ["-sS", "--cacert", otherFile, "https://127.0.0.2:\(port)/api/v1/stops"], in: dir).status == 60)
        // A name the certificate does not hold is refused (60 again: no name in it matches).
        #expect(try await run("curl", ["-sS", "--cacert", caFile, "--resolve", "other.local:\(port):127.0.0.2", "https://other.local:\(port)/"], in: dir).status == 60)
        // Plain HTTP on the TLS port gets no page.
        #expect(try await run("curl", ["-sS", "--max-time", "5", "http://127.0.0.2:\(port)/api/v1/stops"], in: dir).stdout.contains("machynlleth") == false)
    }

    /// A browser's certificate store (NSS, where Chromium on Linux reads the certificates its user trusts, from
    /// `~/.pki/nssdb`), with the laptop's authority installed in it as a tablet's owner would, or empty.
    func browserHome(_ dir: URL, trusting authority: URL?) async throws -> URL {
        let store = dir.appendingPathComponent(".pki/nssdb")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        #expect(try await run("certutil", ["-d", "sql:\(store.path)", "-N", "--empty-password"], in: dir).status == 0)
        if let authority {
            let added = try await run("certutil", ["-d", "sql:\(store.path)", "-A", "-t", "C,,", "-n", "Songbridge on tour-laptop", "-i", authority.path], in: dir)
            #expect(added.status == 0, "\(added.stderr)")
        }
        return dir
    }

    /// The tablet's side, in a real browser: Chromium that trusts the laptop's authority opens the laptop by its
    /// `.local` name over HTTPS as a secure origin, where the microphone and MIDI the capture page needs are
    /// offered (a browser offers them only to https or localhost); one that has not installed it gets no page.
    @Test func aTabletBrowserThatInstalledTheAuthorityGetsASecureOrigin() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ca = try LocalAuthority.create(in: dir.appendingPathComponent("ca"), name: "Songbridge on tour-laptop")
        let issued = try ca.issueServerCertificate(hostName: "tour-laptop", addresses: ["127.0.0.2"])
        let server = try await LiveServer(host: "127.0.0.2", token: "a-token-for-the-tablets-22", tls: ServerSettings.TLS(chainPEM: issued.chainPEM, keyPEM: issued.keyPEM, authorityPEM: ca.certificatePEM),
                                          prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let page = try #require(URL(string: "https://tour-laptop.local:\(server.base.port ?? 0)/"))
        // The venue's name service is stood in for: tour-laptop.local is the laptop's address.
        let resolve = "--host-resolver-rules=MAP tour-laptop.local 127.0.0.2"
        let authority = dir.appendingPathComponent("ca").appendingPathComponent(LocalAuthority.certificateFile)

        let tablet = try Chromium(arguments: [resolve], environment: ["HOME": try await browserHome(dir.appendingPathComponent("tablet"), trusting: authority).path])
        defer { tablet.shutDown() }
        try await tablet.open(page)
        #expect(try await tablet.evaluate("location.href") as? String == page.absoluteString)
        #expect((try await tablet.evaluate("document.title") as? String)?.hasSuffix("Songbridge") == true)
        #expect(try await tablet.evaluate("window.isSecureContext") as? Bool == true)
        #expect(try await tablet.evaluate("typeof navigator.mediaDevices?.getUserMedia") as? String == "function")
        #expect(try await tablet.evaluate("typeof navigator.requestMIDIAccess") as? String == "function")

        let stranger = try Chromium(arguments: [resolve], environment: ["HOME": try await browserHome(dir.appendingPathComponent("stranger"), trusting: nil).path])
        defer { stranger.shutDown() }
        try await stranger.open(page)
        #expect(try await stranger.evaluate("location.href") as? String != page.absoluteString, "a browser that does not trust the authority shows its error page")
    }

    @Test func theAuthorityCannotVouchForAnyOtherSite() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("ca")
        let ca = try LocalAuthority.create(in: folder, name: "Songbridge on tour-laptop")
        let caFile = folder.appendingPathComponent(LocalAuthority.certificateFile).path
        func verify(_ certificate: ServerCertificate) async throws -> CommandResult {
            let leaf = dir.appendingPathComponent("leaf-\(UUID().uuidString).pem")
            // The chain's first certificate is the server's.
            let first = certificate.chainPEM.components(separatedBy: "-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n"
            try first.write(to: leaf, atomically: true, encoding: .utf8)
            return try await run("openssl", ["verify", "-purpose", "sslserver", "-CAfile", caFile, leaf.path], in: dir)
        }
        let good = try await verify(try ca.issueServerCertificate(hostName: "tour-laptop", addresses: ["10.0.0.7"]))
        #expect(good.status == 0, "\(good.stdout) \(good.stderr)")
        // Signed by the same key for a public name or address: a verifier refuses it.
        for name in [GeneralName.dnsName("www.example.com"), .dnsName("bank.co.uk"), LocalAuthority.ipName("8.8.8.8")!] {
            let rogue = try await verify(try ca.issue(names: [name], commonName: "rogue"))
            #expect(rogue.status != 0 && (rogue.stdout + rogue.stderr).contains("subtree violation"), "\(name): \(rogue.stdout) \(rogue.stderr)")
        }
        // The key is the laptop user's alone; a second authority is refused (tablets trust the first).
        let keyMode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(LocalAuthority.keyFile).path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700)
        #expect(throws: AuthorityError.self) { try LocalAuthority.create(in: folder, name: "again") }
        #expect(try LocalAuthority.load(from: folder).fingerprint == ca.fingerprint)
        #expect(throws: AuthorityError.self) { try LocalAuthority.load(from: dir.appendingPathComponent("none")) }
    }
}
