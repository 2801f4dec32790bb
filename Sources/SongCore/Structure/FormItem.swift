/// One step of a song's form: a section (by label) played one or more times.
public struct FormItem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The label of the section played.
    public var section: String
    /// How many times in a row it is played.
    public var times: Int

    /// A form step.
    public init(section: String, times: Int = 1) {
        self.section = section
        self.times = times
    }

    /// `Chorus` or `Chorus x2`.
    public var description: String { times == 1 ? section : "\(section) x\(times)" }

    /// Reads `Chorus` or `Chorus x2`.
    public init?(_ text: some StringProtocol) {
        let t = text.trimmingWhitespace()
        guard !t.isEmpty else { return nil }
        if let r = t.range(of: " x", options: .backwards), let n = Int(t[r.upperBound...]), n > 0 {
            self.init(section: t[..<r.lowerBound].trimmingWhitespace(), times: n)
        } else {
            self.init(section: t)
        }
    }
}

import Foundation
