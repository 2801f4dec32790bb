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

    /// Reads a form written `Verse 1, Chorus x2, Verse 2`: its steps, and what is wrong with it, if anything (a step
    /// played more than `SongLimits.formRepeats` times in a row, or more than `SongLimits.formSteps` steps). The
    /// steps come back within those limits either way, so a reader can warn and go on, and a contribution can refuse.
    public static func list(_ text: some StringProtocol) -> (steps: [FormItem], problem: String?) {
        var problem: String?
        var steps: [FormItem] = []
        for part in text.split(separator: ",") {
            guard var step = FormItem(part) else { continue }
            if step.times > SongLimits.formRepeats {
                problem = problem ?? "'\(step.section)' is repeated \(step.times) times; at most \(SongLimits.formRepeats) in a row"
                step.times = SongLimits.formRepeats
            }
            steps.append(step)
        }
        if steps.count > SongLimits.formSteps {
            problem = problem ?? "the form has \(steps.count) steps; at most \(SongLimits.formSteps)"
            steps.removeLast(steps.count - SongLimits.formSteps)
        }
        return (steps, problem)
    }

    /// Reads `Chorus` or `Chorus x2`.
    public init?(_ text: some StringProtocol) {
        let t = text.trimmingWhitespace()
        guard !t.isEmpty else { return nil }
        // A count too large for an Int is as good as too many: it is kept as the most there could be.
        if let r = t.range(of: " x", options: .backwards), case let digits = t[r.upperBound...], !digits.isEmpty,
           digits.allSatisfy({ $0.isASCII && $0.isNumber }), (Int(digits) ?? Int.max) > 0 {
            self.init(section: t[..<r.lowerBound].trimmingWhitespace(), times: Int(digits) ?? Int.max)
        } else {
            self.init(section: t)
        }
    }
}

import Foundation
