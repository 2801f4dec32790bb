/// Who may use a route when the server listens beyond loopback. Every route in the route tables says which, and
/// access is decided from the route that matched, never from the path as written (so `/people/`, `//people` and
/// `/PEOPLE` are `/people`, and ask for the same token).
enum RouteAccess: String, Sendable {
    /// Anyone: the public projection only.
    case open
    /// Facilitators only: it names the people in the room (their private names, consent, session notes).
    case `private`
    /// Facilitators only: it changes the archive.
    case write
    /// Signing in: the one change that needs no token (it checks the one it is given), and is throttled.
    case signIn
    /// Syncing laptops: a facilitator token always, on loopback too, since it carries the people in the room and
    /// their consent to another machine.
    case sync

    /// Whether a facilitator token is needed beyond loopback.
    var needsToken: Bool { self == .private || self == .write || self == .sync }
}
