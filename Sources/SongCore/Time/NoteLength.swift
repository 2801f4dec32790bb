/// An exact musical duration as a fraction of a whole note (1/4 is a crotchet), so a whole song adds up without drift.
public struct NoteLength: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Numerator, in lowest terms.
    public private(set) var numerator: Int
    /// Denominator, positive and in lowest terms.
    public private(set) var denominator: Int

    /// A duration `numerator/denominator` of a whole note, reduced to lowest terms.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a duration needs a non-zero denominator")
        let g = NoteLength.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = g == 0 ? 0 : sign * numerator / g
        self.denominator = g == 0 ? 1 : sign * denominator / g
    }

    // Codable as "n/d" so JSON reads naturally.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "/")
        guard let n = Int(parts.first ?? ""), let d = parts.count > 1 ? Int(parts[1]) : 1, d != 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a fraction such as 3/8"))
        }
        self.init(n, d)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The greatest common divisor of two non-negative numbers, by Stein's binary method: shifts and subtractions
    /// instead of a division per step. Durations are mostly powers of two, so it usually ends in one or two steps.
    static func gcd(_ a: Int, _ b: Int) -> Int {
        if a == 0 { return b }
        if b == 0 { return a }
        // With a power of two (most denominators), the answer is the factors of two the two share.
        if a & (a - 1) == 0 || b & (b - 1) == 0 { return 1 << min(a.trailingZeroBitCount, b.trailingZeroBitCount) }
        var u = UInt(a), v = UInt(b)
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return Int(u << shift)
    }

    /// Zero length.
    public static let zero = NoteLength(0)
    /// A whole note.
    public static let whole = NoteLength(1)
    /// A half note (minim).
    public static let half = NoteLength(1, 2)
    /// A quarter note (crotchet).
    public static let quarter = NoteLength(1, 4)
    /// An eighth note (quaver).
    public static let eighth = NoteLength(1, 8)
    /// A sixteenth note (semiquaver).
    public static let sixteenth = NoteLength(1, 16)

    /// `n/d`, or `n` for whole numbers.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    /// Whether the duration is zero.
    public var isZero: Bool { numerator == 0 }

    /// The value as a floating-point number of whole notes (for display and audio timing only).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// This duration in quarter notes, as a floating-point number.
    public var quarterNotes: Double { doubleValue * 4 }

    /// A duration already in lowest terms, with a positive denominator: not reduced again.
    private init(reduced numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func + (a: NoteLength, b: NoteLength) -> NoteLength {
        // Nearly every sum in a tune is of lengths whose denominators are powers of two: their common denominator is
        // the larger, and the sum is reduced by shifting out the factors of two it shares with it.
        if a.denominator & (a.denominator - 1) == 0, b.denominator & (b.denominator - 1) == 0 {
            let l = max(a.denominator, b.denominator)
            let n = a.numerator * (l / a.denominator) + b.numerator * (l / b.denominator)
            if n == 0 { return .zero }
            let shift = min(n.trailingZeroBitCount, l.trailingZeroBitCount)
            return NoteLength(reduced: n >> shift, l >> shift)
        }
        let l = a.denominator / gcd(a.denominator, b.denominator) * b.denominator
        return NoteLength(a.numerator * (l / a.denominator) + b.numerator * (l / b.denominator), l)
    }
    public static func - (a: NoteLength, b: NoteLength) -> NoteLength { a + NoteLength(reduced: -b.numerator, b.denominator) }
    public static func * (a: NoteLength, b: NoteLength) -> NoteLength {
        if a.numerator == 0 || b.numerator == 0 { return .zero }
        // Power-of-two denominators (a unit length times a note's multiplier, nearly every product in a tune): the
        // product's only common factors are twos, shifted out, with no division.
        if a.denominator & (a.denominator - 1) == 0, b.denominator & (b.denominator - 1) == 0 {
            let (n, nOverflow) = a.numerator.multipliedReportingOverflow(by: b.numerator)
            let (d, dOverflow) = a.denominator.multipliedReportingOverflow(by: b.denominator)
            if !nOverflow, !dOverflow {
                let shift = min(n.trailingZeroBitCount, d.trailingZeroBitCount)
                return NoteLength(reduced: n >> shift, d >> shift)
            }
        }
        // Each numerator cancelled against the other's denominator: both were in lowest terms, so the product is too.
        let g1 = gcd(abs(a.numerator), b.denominator), g2 = gcd(abs(b.numerator), a.denominator)
        return NoteLength(reduced: (a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }
    public static func * (a: NoteLength, k: Int) -> NoteLength { a * NoteLength(k) }
    public static func / (a: NoteLength, b: NoteLength) -> NoteLength { a * NoteLength(b.denominator, b.numerator) }
    public static func += (a: inout NoteLength, b: NoteLength) { a = a + b }
    public static func -= (a: inout NoteLength, b: NoteLength) { a = a - b }
    public static func < (a: NoteLength, b: NoteLength) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }
}
