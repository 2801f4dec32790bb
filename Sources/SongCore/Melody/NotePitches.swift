/// The pitches a note sounds, lowest first as written: one for a single note, several for a chord `[CEG]`.
///
/// Almost every note is one pitch, and a tunebook has hundreds of thousands of them: a single pitch is held inline,
/// so reading, copying and dropping a note makes no allocation and counts no references. A chord's pitches are an
/// array. It reads, compares and encodes as an array of pitches (`[C4, E4]`), so stored songs are unchanged.
public struct NotePitches: Sendable, Hashable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    private enum Storage: Sendable, Hashable {
        case one(Pitch)
        case many([Pitch])  // none, or two and more
    }

    private var storage: Storage

    /// One pitch.
    public init(_ pitch: Pitch) { storage = .one(pitch) }

    /// The pitches given, in order.
    public init(_ pitches: some Sequence<Pitch>) {
        let all = Array(pitches)
        storage = all.count == 1 ? .one(all[0]) : .many(all)
    }

    public init(arrayLiteral pitches: Pitch...) { self.init(pitches) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .one: 1
        case .many(let all): all.count
        }
    }

    public subscript(position: Int) -> Pitch {
        get {
            switch storage {
            case .one(let pitch):
                precondition(position == 0, "NotePitches index \(position) out of range")
                return pitch
            case .many(let all): return all[position]
            }
        }
        set {
            switch storage {
            case .one:
                precondition(position == 0, "NotePitches index \(position) out of range")
                storage = .one(newValue)
            case .many(var all):
                storage = .many([])  // so `all` is the array's only reference, and is changed in place
                all[position] = newValue
                storage = .many(all)
            }
        }
    }

    /// Adds a pitch after the others (a note read as the next pitch of a chord).
    public mutating func append(_ pitch: Pitch) {
        switch storage {
        case .one(let first): storage = .many([first, pitch])
        case .many(var all):
            storage = .many([])
            all.append(pitch)
            storage = all.count == 1 ? .one(pitch) : .many(all)
        }
    }

    /// Every pitch changed by `change`, in order (a transposition).
    public func map(_ change: (Pitch) throws -> Pitch) rethrows -> NotePitches {
        switch storage {
        case .one(let pitch): NotePitches(try change(pitch))
        case .many(let all): NotePitches(try all.map(change))
        }
    }

    // Equal and hashed as the sequence of pitches, however held.
    public static func == (a: NotePitches, b: NotePitches) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for pitch in self { hasher.combine(pitch) }
    }
}

extension NotePitches: CustomStringConvertible {
    public var description: String { Array(self).description }
}

/// JSON: an array of pitches, as when a note held `[Pitch]`.
extension NotePitches: Codable {
    public init(from decoder: any Decoder) throws { self.init(try [Pitch](from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try Array(self).encode(to: encoder) }
}
