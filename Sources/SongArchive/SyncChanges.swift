import SongCore

/// What one archive tells another when they sync: its records by global id, each saying where it was made.
/// Contributions are immutable and merge by union; consent travels as its dated history, so a withdrawal made on
/// any laptop wins everywhere. Versions travel with their parents, so two laptops that merged a song apart both
/// keep both versions, as branches the next merge joins. Takes and renders stay on the laptop that made them.
public struct SyncChanges: Sendable, Codable, Equatable {
    /// The format this Songbridge writes and reads.
    public static let currentFormat = 1

    public var format: Int
    /// The tour's id: every laptop of one tour shares it, and a bundle from another tour is refused.
    public var tour: String
    /// The id of the archive that made these changes.
    public var archive: String
    /// When they were gathered (ISO 8601, UTC).
    public var madeAt: String
    /// The maker's cursor: asking it for changes after this gives only what arrived there since.
    public var upTo: Int?
    /// The organisation these changes were gathered for (a partner's token on a central archive): its private
    /// details are in them, marked as its own, and the receiver keeps them as its own.
    public var organisation: String?
    public var stops: [Stop]
    public var sessions: [Session]
    public var people: [Person]
    public var consent: [PersonConsent]
    public var songs: [SongRecord]
    public var contributions: [ContributionRecord]
    /// People erased at their request, by global id: their details must not come back from anywhere.
    public var erasures: [ErasureRecord]
    /// Songs' versions, each after its parents (absent in changes from a Songbridge before versions synced).
    public var versions: [VersionRecord]?

    /// Where a record was made: the archive's id and who was writing there (the CLI command, the server).
    public struct Origin: Sendable, Codable, Equatable {
        public var archive: String
        public var by: String
    }

    public struct Stop: Sendable, Codable, Equatable {
        public var uid: String
        public var id: String
        public var place: String
        public var nation: String
        public var venue: String
        public var date: String?
        public var partners: String
        public var origin: Origin
    }

    /// A session; its notes only to those who may read them (the organisation that wrote them).
    public struct Session: Sendable, Codable, Equatable {
        public var uid: String
        public var stop: String
        public var date: String?
        public var notes: String?
        /// Whose notes they are (absent: the sending archive's own).
        public var organisation: String?
        public var origin: Origin
    }

    /// A person, without their consent (that is `consent`, their history). The name itself goes only to those who
    /// may read it (the organisation that wrote it down), and never a withdrawn person's; everyone gets as much of
    /// it as consent shows.
    public struct Person: Sendable, Codable, Equatable {
        public var uid: String
        public var id: String
        public var name: String?
        /// As much of the name as consent shows (absent in changes from a Songbridge before organisations).
        public var shown: String?
        /// Whose name it is (absent: the sending archive's own).
        public var organisation: String?
        public var generation: String
        public var role: String
        public var origin: Origin
    }

    /// One change to a person's consent, and whose.
    public struct PersonConsent: Sendable, Codable, Equatable {
        public var person: String
        public var change: ConsentChange
        public var origin: Origin
    }

    public struct SongRecord: Sendable, Codable, Equatable {
        public var uid: String
        public var title: String
        public var stop: String?
        public var key: String?
        public var meter: String?
        public var themes: String
        public var style: String?
        public var createdAt: String
        public var origin: Origin
    }

    public struct ContributionRecord: Sendable, Codable, Equatable {
        public var uid: String
        public var song: String
        public var kind: String
        public var payload: String
        public var section: String?
        public var line: Int?
        public var status: String
        public var session: String?
        public var people: [String]
        public var createdAt: String
        public var origin: Origin
    }

    /// A version of a song. Its text names people and its stop by global id and carries no names and no consent
    /// (the receiving laptop fills them in from its own records, as consent there allows), so a version never
    /// carries a name that has been erased or withdrawn, and local ids that differ between laptops do not matter.
    public struct VersionRecord: Sendable, Codable, Equatable {
        public var uid: String
        public var song: String
        public var parents: [String]
        /// The contributions it merged, beyond what its parents hold.
        public var merged: [String]
        public var text: String
        public var createdAt: String
        public var origin: Origin
    }

    public struct ErasureRecord: Sendable, Codable, Equatable {
        public var person: String
        public var at: String
        public var origin: Origin
    }

    /// How many records, all told.
    public var count: Int { stops.count + sessions.count + people.count + consent.count + songs.count + contributions.count + erasures.count + (versions?.count ?? 0) }
}

/// What a sync changed here.
public struct SyncReport: Sendable, Codable, Equatable {
    public var stops = 0
    public var sessions = 0
    public var people = 0
    public var consentChanges = 0
    public var songs = 0
    public var contributions = 0
    /// Contributions already here whose review (accepted or rejected) arrived.
    public var reviews = 0
    /// Erasures that arrived (each person's name, takes and named versions erased here too).
    public var erasures = 0
    /// Versions that arrived (a song merged on another laptop too now has branches here, until it is merged again).
    public var versions = 0
    /// People whose consent changed here because of the sync (a withdrawal among them takes their lines out of
    /// every public output).
    public var consentDecided: [String] = []
    /// Records that arrived with a local id already taken by another, and got a new one here (old → new).
    public var renamed: [String: String] = [:]

    public init() {}

    /// Whether nothing changed.
    public var isEmpty: Bool { stops + sessions + people + consentChanges + songs + contributions + reviews + erasures + versions == 0 }
}
