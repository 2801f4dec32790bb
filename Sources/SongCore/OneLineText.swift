/// The rule for a short text that lands inside a song file's line, a directive or a header field: a person's name,
/// a section's label, a title, a theme, a place. Such a text can hide no line break (which would start a new
/// directive), no control character, and no brace (which would end one), and is at most `SongLimits.nameLength`
/// characters. Checked where the text enters (the CLI, the API, the archive), so a song file is never rewritten by
/// what someone typed; the writers also make any such text safe, in case one is already stored.
public enum OneLineText {
    /// What is wrong with `text` as `what` ("the name"), or nil when it will do.
    public static func problem(_ text: String, what: String, maxLength: Int = SongLimits.nameLength) -> String? {
        if text.unicodeScalars.count > maxLength { return "\(what) is longer than \(maxLength) characters" }
        if let bad = text.unicodeScalars.first(where: isBreaking) {
            let shown = bad.value < 0x80 ? "a control character (U+\(hex(bad.value)))" : "U+\(hex(bad.value))"
            return "\(what) holds \(shown); give it on one line, without control characters"
        }
        if text.contains(where: { $0 == "{" || $0 == "}" }) { return "\(what) holds a brace ({ or }), which song files use for directives" }
        return nil
    }

    /// `text` made safe for one line of a song file: line breaks and control characters become spaces, braces
    /// become parentheses. For text written out that never passed `problem` (one stored before the rule).
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isBreaking($0) || $0 == "{" || $0 == "}" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isBreaking(scalar) { out.append(" ") } else if scalar == "{" { out.append("(") } else if scalar == "}" { out.append(")") } else { out.append(scalar) }
        }
        return String(out)
    }

    /// `text` with line breaks and control characters made spaces (braces kept): for words on a lyric line or an
    /// ABC field, where a brace is only a brace.
    public static func unbroken(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreaking) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isBreaking($0) ? " " : $0 }))
    }

    /// Control characters (C0, DEL, C1) and Unicode's line and paragraph separators, which some readers take as a
    /// new line.
    static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
