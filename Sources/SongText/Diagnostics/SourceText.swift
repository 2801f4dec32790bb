import SongCore
import Foundation

/// The text of a song file split into lines, with the name used in diagnostics.
public struct SourceText: Sendable {
    /// The largest file Songbridge reads: far beyond any songbook, small enough never to exhaust memory.
    public static let maximumBytes = 16 * 1024 * 1024

    /// The name shown in diagnostics (usually the path).
    public var name: String
    /// The lines, without line endings.
    public var lines: [Substring]
    /// Line number of `lines[0]` minus one (for fragments embedded in another file).
    public var lineOffset: Int
    /// The characters taken out of `lines` as the text was read (`OneLineText.isUnsafe`), first `removalsKept` of
    /// them: each with its line (an index into `lines`) and 1-based column in the line as kept.
    public private(set) var removed: [Removal] = []
    /// How many characters were taken out in all.
    public private(set) var removedCount = 0

    /// A character taken out of the text.
    public struct Removal: Sendable, Hashable {
        public var lineIndex: Int
        public var column: Int
        public var scalar: Unicode.Scalar
    }

    /// How many removals are kept to be reported.
    static let removalsKept = 20

    /// Text from a string.
    public init(_ text: String, name: String, lineOffset: Int = 0) {
        self.name = name
        self.lineOffset = lineOffset
        let whole = Substring(text)
        let t = whole.hasPrefix("\u{FEFF}") ? whole.dropFirst() : whole
        // Split on \n, \r\n and lone \r in one pass over the UTF-8 bytes (a tunebook has tens of thousands of lines:
        // splitting by Character, or by a generic split, is far slower). Each line is a Substring of the one text,
        // made from byte offsets, which a native string indexes in O(1).
        let u = t.utf8, first = u.startIndex
        var lines: [Substring] = []
        let contiguous = u.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { lines = [t]; return true }
            // Lines end at \n (a \r before it dropped), or, in a file with no \n at all, at a lone \r; memchr finds
            // each end several bytes at a time.
            let separator: UInt8 = memchr(base, 10, bytes.count) != nil ? 10 : 13
            lines.reserveCapacity(bytes.count / 24 + 1)
            func add(_ start: Int, _ end: Int) {
                let end = end > start && separator == 10 && bytes[end - 1] == 13 ? end - 1 : end
                lines.append(t[u.index(first, offsetBy: start)..<u.index(first, offsetBy: end)])
            }
            var start = 0
            while start <= bytes.count, let found = memchr(base + start, Int32(separator), bytes.count - start) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                add(start, i)
                start = i + 1
            }
            add(start, bytes.count)
            return true
        }
        if contiguous == true {
            self.lines = lines
        } else {
            // Not contiguous UTF-8 (a bridged string): the generic way.
            let separator: UInt8 = u.contains(10) ? 10 : 13
            self.lines = u.split(separator: separator, omittingEmptySubsequences: false).map { slice in
                var line = Substring(slice)
                if line.utf8.last == 13 { line = Substring(line.utf8.dropLast()) }
                return line
            }
        }
        removeUnsafe()
    }

    /// Takes every unsafe character out of the lines, noting where each was. A line without a byte that could
    /// begin one (most lines) is passed over in one look at its bytes.
    private mutating func removeUnsafe() {
        for index in lines.indices where Self.mayHoldUnsafe(lines[index]) {
            let line = lines[index]
            guard line.unicodeScalars.contains(where: OneLineText.isUnsafe) else { continue }
            var kept = String.UnicodeScalarView()
            var column = 1
            for character in line {
                let scalars = character.unicodeScalars
                guard scalars.contains(where: OneLineText.isUnsafe) else {
                    kept.append(contentsOf: scalars)
                    column += 1
                    continue
                }
                // A character may join an unsafe scalar with others (a combining mark after a control): only the
                // unsafe ones go.
                var keptAny = false
                for scalar in scalars {
                    if OneLineText.isUnsafe(scalar) {
                        removedCount += 1
                        if removed.count < Self.removalsKept { removed.append(Removal(lineIndex: index, column: column, scalar: scalar)) }
                    } else {
                        kept.append(scalar)
                        keptAny = true
                    }
                }
                if keptAny { column += 1 }
            }
            lines[index] = Substring(String(kept))
        }
    }

    /// Whether `line` has a byte that may begin an unsafe character: a control byte, DEL, the lead byte of C1
    /// (0xC2) or of the separators and direction controls (0xE2).
    private static func mayHoldUnsafe(_ line: Substring) -> Bool {
        line.utf8.contains { b in (b < 0x20 && b != 0x09) || b == 0x7F || b == 0xC2 || b == 0xE2 }
    }

    /// Text from a file's bytes: rejects files that are too large or not UTF-8, with a diagnostic that points at the first bad byte.
    public init(data: Data, name: String) throws(DiagnosticError) {
        if data.count > SourceText.maximumBytes {
            throw DiagnosticError([Diagnostic(
                severity: .error,
                message: "file is too large (\(data.count / 1_048_576) MB; Songbridge reads song files up to \(SourceText.maximumBytes / 1_048_576) MB)",
                expected: "a song or tune collection under the limit; split large collections into several files",
                file: name, line: 1, column: 1, sourceLine: "")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticError([SourceText.invalidUTF8(data, name: name)])
        }
        self.init(text, name: name)
    }

    /// Reads a file from disk.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        try self.init(data: data, name: url.path)
    }

    /// 1-based line number of `lines[index]`.
    public func lineNumber(_ index: Int) -> Int { index + 1 + lineOffset }

    /// Finds the first byte that is not valid UTF-8 and reports its line and column.
    static func invalidUTF8(_ data: Data, name: String) -> Diagnostic {
        let bytes = [UInt8](data)
        var i = 0, line = 1, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            var length = 0
            if b < 0x80 { length = 1 } else if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 } else if b & 0xF0 == 0xE0 { length = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
            var ok = length > 0 && i + length <= bytes.count
            if ok { for k in 1..<max(length, 1) where bytes[i + k] & 0xC0 != 0x80 { ok = false } }
            if ok, length > 1, String(validating: bytes[i..<i + length], as: UTF8.self) == nil { ok = false }
            if !ok {
                var end = lineStart
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let prefix = String(decoding: bytes[lineStart..<i], as: UTF8.self)
                let shown = String(decoding: bytes[lineStart..<end], as: UTF8.self)
                return Diagnostic(
                    severity: .error, message: String(format: "byte 0x%02X is not valid UTF-8", b),
                    expected: "a UTF-8 text file (re-save it as UTF-8; Latin-1 and Windows-1252 files need converting)",
                    file: name, line: line, column: prefix.count + 1, sourceLine: shown)
            }
            if b == 0x0A { line += 1; lineStart = i + 1 }
            i += length
        }
        return Diagnostic(severity: .error, message: "the file is not valid UTF-8", file: name, line: 1, column: 1, sourceLine: "")
    }
}
