/// One version of a song as a node of the song's version graph. Laptops that merge the same song apart each make a
/// version on the same parent; after a sync both are kept, as branches, and the next merge joins them (a version
/// with two or more parents).
public struct VersionNode: Sendable, Hashable, Codable {
    /// Its number on this laptop (numbers are local: the same version may have another number elsewhere).
    public var number: Int
    /// Its global id, the same on every laptop.
    public var uid: String
    /// Its parents' global ids: none for the first version, two or more for a merge that joined branches.
    public var parents: [String]
    /// The contributions it merged (global ids), beyond what its parents hold.
    public var merged: [String]
    public var createdAt: String
    /// Whether it holds work of someone who has since withdrawn.
    public var holdsWithdrawn: Bool
    /// The archive it was made in, and who was writing there.
    public var madeIn: String
    public var madeBy: String

    public init(number: Int, uid: String, parents: [String], merged: [String], createdAt: String, holdsWithdrawn: Bool, madeIn: String, madeBy: String) {
        self.number = number
        self.uid = uid
        self.parents = parents
        self.merged = merged
        self.createdAt = createdAt
        self.holdsWithdrawn = holdsWithdrawn
        self.madeIn = madeIn
        self.madeBy = madeBy
    }

    /// The versions of `graph` no other version builds on: one for a song without branches, more after laptops
    /// merged it apart (until the next merge joins them). Oldest first.
    public static func heads(of graph: [VersionNode]) -> [VersionNode] {
        let parents = Set(graph.flatMap(\.parents))
        return graph.filter { !parents.contains($0.uid) }
    }

    /// `uid` and every version it descends from, by global id.
    public static func ancestry(of uid: String, in graph: [VersionNode]) -> Set<String> {
        let byUID = Dictionary(graph.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        var stack = [uid]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted, let node = byUID[next] else { continue }
            stack += node.parents
        }
        return seen
    }

    /// Global ids as a version row keeps them (`parents`, `merged`): separated by spaces.
    static func uids(in column: String?) -> [String] { (column ?? "").split(separator: " ").map(String.init) }

    /// The local numbers of this version's parents in `graph` (those held here).
    public func parentNumbers(in graph: [VersionNode]) -> [Int] {
        parents.compactMap { p in graph.first { $0.uid == p }?.number }
    }
}
