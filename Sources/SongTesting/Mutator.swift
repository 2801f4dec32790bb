/// Deterministic random mutations of valid song files, for fuzzing the readers.
public struct Mutator: Sendable, RandomNumberGenerator {
    private var state: UInt64

    /// A mutator with a fixed seed, so a failure can be replayed.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// A pseudo-random number (SplitMix64).
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// Bytes that mean something to the ABC and ChordPro readers, to splice in.
    static let interesting: [[UInt8]] = [
        "[", "]", "{", "}", "|", ":", "::", "|:", ":|", "[1", "|2", "(3", "(3:2:4", "\"", "\"Am", "!", "!trill!", "^", "__", "=",
        ",", "'", "/", "//", "2", "3/2", ">", "<", ">>", "-", "z", "Z4", "x", "w:", "W:", "K:", "M:", "L:", "P:", "[K:", "[M:6/8]",
        "\n", "\n\n", "X:1\n", "\\\n", "%", "{start_of_abc}", "{end_of_abc}", "{chorus}", "{start_of_verse}", "{end_of_chorus}",
        "{x_songbridge_credit: ", "{title", "[G]", "[H7]", "[Bbmaj7/", "ø", "ŵ", "\u{FF}", "\u{00}", "99999999", "-1",
    ].map { Array($0.utf8) }

    /// One mutated copy of `input`: a few byte flips, deletions, duplications, splices and truncations.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let rounds = 1 + below(6)
        for _ in 0..<rounds {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 1 where !bytes.isEmpty:
                let len = min(1 + below(16), bytes.count - min(at, bytes.count - 1))
                let start = min(at, bytes.count - 1)
                bytes.removeSubrange(start..<start + len)
            case 2:
                bytes.insert(contentsOf: Mutator.interesting[below(Mutator.interesting.count)], at: at)
            case 3 where !bytes.isEmpty:
                let start = min(at, bytes.count - 1)
                let len = min(1 + below(64), bytes.count - start)
                bytes.insert(contentsOf: bytes[start..<start + len], at: below(bytes.count + 1))
            case 4:
                bytes = Array(bytes.prefix(at))
            case 5 where !bytes.isEmpty:
                let a = below(bytes.count), c = below(bytes.count)
                bytes.swapAt(a, c)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return bytes
    }
}
