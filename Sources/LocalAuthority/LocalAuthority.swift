import Crypto
import Foundation
import SwiftASN1
import X509

/// The laptop's own certificate authority, for HTTPS to tablets on a room's network (browsers give the microphone
/// and MIDI only to secure pages). Made once per laptop and installed once on each tablet; at each start the server
/// gets a new certificate from it for the addresses the laptop has at that venue, so nothing is installed again.
///
/// The authority can vouch only for private addresses and `.local` names (a critical nameConstraints extension,
/// RFC 5280 §4.2.1.10): a stolen laptop's authority cannot be used to impersonate any site on the internet.
public struct LocalAuthority: Sendable {
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey
    /// Where its two files are.
    public let folder: URL

    /// The authority's certificate (the file tablets install) and its key (readable by this user only).
    public static let certificateFile = "songbridge-ca.pem"
    public static let keyFile = "songbridge-ca-key.pem"

    /// `$SONGBRIDGE_CA` if set, else `~/.config/songbridge/authority` (`$XDG_CONFIG_HOME` when set).
    public static var defaultFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["SONGBRIDGE_CA"], !given.isEmpty { return URL(fileURLWithPath: given) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return URL(fileURLWithPath: config).appendingPathComponent("songbridge/authority")
    }

    /// The address ranges and names the authority may vouch for: IPv4 private (RFC 1918), loopback and link-local;
    /// IPv6 unique-local, link-local and loopback; `.local` (mDNS, RFC 6762) and `localhost`.
    static let permittedRanges: [(address: [UInt8], mask: [UInt8])] = [
        ([10, 0, 0, 0], [255, 0, 0, 0]), ([172, 16, 0, 0], [255, 240, 0, 0]), ([192, 168, 0, 0], [255, 255, 0, 0]),
        ([127, 0, 0, 0], [255, 0, 0, 0]), ([169, 254, 0, 0], [255, 255, 0, 0]),
        ([0xfc] + [UInt8](repeating: 0, count: 15), [0xfe] + [UInt8](repeating: 0, count: 15)),
        ([0xfe, 0x80] + [UInt8](repeating: 0, count: 14), [0xff, 0xc0] + [UInt8](repeating: 0, count: 14)),
        ([UInt8](repeating: 0, count: 15) + [1], [UInt8](repeating: 255, count: 16)),
    ]
    static let permittedNames = ["local", "localhost"]

    /// Makes a new authority in `folder` (refused if one is there: tablets trust the one they installed).
    public static func create(in folder: URL, name: String) throws(AuthorityError) -> LocalAuthority {
        let certificatePath = folder.appendingPathComponent(certificateFile).path
        guard !FileManager.default.fileExists(atPath: certificatePath) else {
            throw AuthorityError("\(certificatePath) is there already: this laptop has its authority (tablets that installed it would stop trusting a new one)")
        }
        do {
            let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
            let subject = try DistinguishedName {
                OrganizationName("Songbridge")
                CommonName(String(name.prefix(60)))
            }
            let now = Date()
            let constraints = NameConstraints(permittedDNSDomains: permittedNames,
                                              permittedIPRanges: permittedRanges.map { ASN1OctetString(contentBytes: ArraySlice($0.address + $0.mask)) })
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
                issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    Critical(constraints)
                    SubjectKeyIdentifier(hash: key.publicKey)
                },
                issuerPrivateKey: key)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // The key first, made readable by this user alone before anything is written to it.
            let keyPath = folder.appendingPathComponent(keyFile).path
            guard FileManager.default.createFile(atPath: keyPath, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw AuthorityError("cannot write \(keyPath)")
            }
            try Data(try key.serializeAsPEM().pemString.utf8).write(to: URL(fileURLWithPath: keyPath))
            try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: URL(fileURLWithPath: certificatePath))
            return LocalAuthority(certificate: certificate, privateKey: key, folder: folder)
        } catch let error as AuthorityError {
            throw error
        } catch {
            throw AuthorityError("cannot make the authority in \(folder.path): \(error)")
        }
    }

    /// The authority in `folder`.
    public static func load(from folder: URL) throws(AuthorityError) -> LocalAuthority {
        let certificatePath = folder.appendingPathComponent(certificateFile).path, keyPath = folder.appendingPathComponent(keyFile).path
        guard let certificateText = try? String(contentsOfFile: certificatePath, encoding: .utf8),
              let keyText = try? String(contentsOfFile: keyPath, encoding: .utf8) else {
            throw AuthorityError("no certificate authority in \(folder.path): make one with songbridge cert create")
        }
        do {
            let certificate = try Certificate(pemEncoded: certificateText)
            let key = try Certificate.PrivateKey(pemEncoded: keyText)
            guard key.publicKey == certificate.publicKey else { throw AuthorityError("\(keyPath) is not the key of \(certificatePath)") }
            return LocalAuthority(certificate: certificate, privateKey: key, folder: folder)
        } catch let error as AuthorityError {
            throw error
        } catch {
            throw AuthorityError("the certificate authority in \(folder.path) cannot be read: \(error)")
        }
    }

    /// The authority's certificate as PEM, as tablets install it.
    public var certificatePEM: String { (try? certificate.serializeAsPEM().pemString) ?? "" }

    /// The SHA-256 of the certificate, as a tablet shows it (pairs of hex digits with colons), to check it is this one.
    public var fingerprint: String {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(certificate)) != nil else { return "" }
        return SHA256.hash(data: serializer.serializedBytes).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    /// A server certificate for `hostName`.local, `localhost` and the private ones of `addresses` (others are left
    /// out: the authority may not vouch for them), valid for 90 days from `now`.
    public func issueServerCertificate(hostName: String, addresses: [String], now: Date = Date()) throws(AuthorityError) -> ServerCertificate {
        let host = Self.localName(hostName)
        var seen = Set<[UInt8]>()
        let ips = addresses.compactMap(Self.addressBytes).filter { Self.isPermitted($0) && seen.insert($0).inserted }
        return try issue(names: [.dnsName(host), .dnsName("localhost")] + ips.map { .ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) },
                         commonName: host, now: now)
    }

    /// A certificate for any names, signed by this authority (the constraints are the verifier's to enforce: the
    /// tests issue one for a public name and check a verifier refuses it).
    func issue(names: [GeneralName], commonName: String, now: Date = Date()) throws(AuthorityError) -> ServerCertificate {
        do {
            let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(90 * 86_400),
                issuer: certificate.subject, subject: try DistinguishedName { CommonName(commonName) }, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames(names)
                    AuthorityKeyIdentifier(keyIdentifier: try? certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
                },
                issuerPrivateKey: privateKey)
            return ServerCertificate(chainPEM: try leaf.serializeAsPEM().pemString + "\n" + certificatePEM, keyPEM: try key.serializeAsPEM().pemString,
                                     names: names.compactMap(Self.describe))
        } catch {
            throw AuthorityError("cannot issue a server certificate: \(error)")
        }
    }

    /// `hostName` as an mDNS name: letters, digits and hyphens, then `.local`.
    static func localName(_ hostName: String) -> String {
        let first = hostName.split(separator: ".").first.map(String.init) ?? ""
        let cleaned = String(first.lowercased().unicodeScalars.filter { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" }.prefix(63))
        return (cleaned.isEmpty ? "songbridge" : cleaned) + ".local"
    }

    /// The bytes of an IPv4 or IPv6 address written as text (a zone, `%eth0`, is dropped), or nil.
    static func addressBytes(_ text: String) -> [UInt8]? {
        let plain = String(text.split(separator: "%").first ?? "")
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, plain, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        if inet_pton(AF_INET6, plain, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// An address as a certificate names it.
    static func ipName(_ text: String) -> GeneralName? {
        addressBytes(text).map { .ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) }
    }

    /// Whether an address lies in a range the authority may vouch for.
    static func isPermitted(_ address: [UInt8]) -> Bool {
        permittedRanges.contains { range in
            range.address.count == address.count && zip(zip(address, range.mask), range.address).allSatisfy { $0.0 & $0.1 == $1 }
        }
    }

    static func describe(_ name: GeneralName) -> String? {
        switch name {
        case .dnsName(let text): return text
        case .ipAddress(let bytes):
            let raw = Array(bytes.bytes)
            var buffer = [CChar](repeating: 0, count: 64)
            let family = raw.count == 4 ? AF_INET : AF_INET6
            return raw.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, 64) }.map { _ in LocalAddresses.text(buffer) }
        default: return nil
        }
    }
}
