/// A time signature: 2/4, 3/4, 4/4, 6/8, 9/8, 12/8, 5/4, common time (C), cut time (C|), or free (none).
public struct Meter: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How the meter is written.
    public enum Symbol: String, Sendable, Hashable, Codable {
        /// Numbers, e.g. 6/8.
        case numeric
        /// C: 4/4.
        case common
        /// C|: 2/2.
        case cut
        /// No meter (ABC `M:none`).
        case free
    }

    /// Beats in a bar (the top number); for additive meters the sum (e.g. 2+3 → 5).
    public var beats: Int
    /// The note value of the bottom number (4 → quarter).
    public var beatUnit: Int
    /// How it is written.
    public var symbol: Symbol
    /// Additive grouping such as [2, 3] for `2+3/8`; empty when not written that way.
    public var grouping: [Int]

    /// A numeric meter such as 6/8.
    public init(_ beats: Int, _ beatUnit: Int, symbol: Symbol = .numeric, grouping: [Int] = []) {
        self.beats = beats
        self.beatUnit = beatUnit
        self.symbol = symbol
        self.grouping = grouping
    }

    public static let common = Meter(4, 4, symbol: .common)
    public static let cut = Meter(2, 2, symbol: .cut)
    public static let free = Meter(4, 4, symbol: .free)
    public static let fourFour = Meter(4, 4)
    public static let threeFour = Meter(3, 4)
    public static let sixEight = Meter(6, 8)

    /// The length of a full bar; free meter has none.
    public var barLength: NoteLength? { symbol == .free ? nil : NoteLength(beats, beatUnit) }

    /// Compound meters (6/8, 9/8, 12/8) count in dotted beats.
    public var isCompound: Bool { beatUnit >= 8 && beats % 3 == 0 && beats > 3 }

    /// The felt beat: a dotted quarter in 6/8, otherwise the bottom number's note.
    public var pulse: NoteLength { isCompound ? NoteLength(3, beatUnit) : NoteLength(1, beatUnit) }

    /// As written: `6/8`, `C`, `C|`, `none`, `2+3/8`.
    public var description: String {
        switch symbol {
        case .common: "C"
        case .cut: "C|"
        case .free: "none"
        case .numeric: (grouping.isEmpty ? String(beats) : grouping.map(String.init).joined(separator: "+")) + "/\(beatUnit)"
        }
    }

    /// Reads `3/4`, `6/8`, `C`, `C|`, `none`, `2+3/8`.
    public init?(_ text: some StringProtocol) {
        let t = text.trimmingWhitespace()
        switch t {
        case "C": self = .common; return
        case "C|": self = .cut; return
        case "none", "": self = .free; return
        default: break
        }
        let parts = t.split(separator: "/")
        guard parts.count == 2, let unit = Int(parts[1].trimmingWhitespace()), unit > 0, unit <= 64, unit & (unit - 1) == 0 else { return nil }
        let groups = parts[0].split(separator: "+").map { Int($0.trimmingWhitespace()) }
        guard !groups.isEmpty, groups.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 64 }) else { return nil }
        let values = groups.map { $0! }
        self.init(values.reduce(0, +), unit, grouping: values.count > 1 ? values : [])
    }
}

import Foundation
