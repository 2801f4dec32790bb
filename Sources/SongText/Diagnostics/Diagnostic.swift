/// A problem found in a song file, pointing at the place: `file:line:column`, the line, a caret, and what was expected.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious it is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The input is not valid; reading fails.
        case error
        /// The input is read, but something looks wrong.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// What would have been valid here, if that can be said.
    public var expected: String?
    /// The file (or other source name) it was found in.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    /// The text of the line, for showing with a caret.
    public var sourceLine: String

    /// A diagnostic.
    public init(severity: Severity, message: String, expected: String? = nil, file: String, line: Int, column: Int, sourceLine: String) {
        self.severity = severity
        self.message = message
        self.expected = expected
        self.file = file
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
    }

    /// Whether this is an error.
    public var isError: Bool { severity == .error }

    /// `file:line:column: error: message; expected …`, then the line and a caret under the column.
    public var description: String {
        var head = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let expected { head += "; expected \(expected)" }
        // Tabs are shown as one space so the caret lines up; long lines are cut around the column.
        var shown = sourceLine.utf8.contains(9) ? String(sourceLine.map { $0 == "\t" ? " " : $0 }) : sourceLine
        var caretColumn = column
        let width = 100
        if shown.count > width {
            let start = max(0, min(column - width / 2, shown.count - width))
            shown = String(shown.dropFirst(start).prefix(width))
            caretColumn = column - start
        }
        let caret = String(repeating: " ", count: max(0, caretColumn - 1)) + "^"
        return "\(head)\n    \(shown)\n    \(caret)"
    }
}

import Foundation
