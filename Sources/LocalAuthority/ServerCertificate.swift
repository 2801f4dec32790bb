/// A server certificate from the laptop's authority: the chain (the server's certificate, then the authority's)
/// and the server's key, as PEM, and the names and addresses it vouches for.
public struct ServerCertificate: Sendable {
    public var chainPEM: String
    public var keyPEM: String
    public var names: [String]
}
