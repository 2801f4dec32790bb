/// The rule for a short text that lands inside one line of a song file (a directive, a header field): a person's
/// name, a section's label, a title, a theme, a place. Such a text can hide no line break, which would end the
/// directive and start a new one of the writer's choosing (`Verse 1}⏎{title: Hacked}`), and no other control
/// character; it is at most `SongLimits.nameLength` characters. Checked where the text enters (the CLI, the API,
/// the archive), so a song file is never rewritten by what someone typed; the writers also keep any such text on
/// its line, in case one was stored before the rule.
public enum OneLineText {
    /// What is wrong with `text` as `what` ("the name"), or nil when it will do.
    public static func problem(_ text: String, what: String, maxLength: Int = SongLimits.nameLength) -> String? {
        if text.unicodeScalars.count > maxLength { return "\(what) is longer than \(maxLength) characters" }
        if let bad = text.unicodeScalars.first(where: isControl) {
            if isDirectionControl(bad) { return "\(what) holds a text-direction control (U+\(hex(bad.value))), which would reorder the text after it; give it as plain text" }
            return "\(what) holds a control character (U+\(hex(bad.value))); give it on one line, as plain text"
        }
        return nil
    }

    /// What is wrong with `text`, a text of many lines (words, a tune) given as `what`, or nil when it will do: an
    /// unsafe character (`isUnsafe`), named with its line and column. Line breaks and tabs are its own.
    public static func problem(lines text: String, what: String) -> String? {
        var line = 1, column = 1
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
                continue
            }
            if let bad = character.unicodeScalars.first(where: isUnsafe) {
                let kind = isDirectionControl(bad) ? "a text-direction control" : "a control character"
                return "\(kind) (U+\(hex(bad.value))) at line \(line), column \(column) of \(what); send plain text"
            }
            column += 1
        }
        return nil
    }

    /// `text` kept on one line of a song file: the line breaks the readers split lines at (`\n`, `\r`) become
    /// spaces; everything else is kept, so a text that passed `problem` is written exactly.
    public static func safe(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }

    /// `text` with every control character (as `problem` finds them) made a space: for a text stored before the
    /// rule that now lands on one line.
    public static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    /// What one line of text may not hold: a tab, and every unsafe character (`isUnsafe`).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || isUnsafe(scalar) }

    /// Characters no song text or name has a use for, which would act rather than show wherever the text is printed
    /// or drawn: control characters (C0 but tab, DEL, C1: a bell, a terminal's escape sequences), Unicode's line and
    /// paragraph separators (which some programs take as a new line), and the bidirectional embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069: an override reorders what follows it on the page, as in the
    /// "Trojan Source" attack, CVE-2021-42574). The marks U+200E and U+200F, which reorder nothing after them, stay.
    public static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || isDirectionControl(c)
    }

    /// Whether `c` is one of the direction controls among the unsafe characters.
    public static func isDirectionControl(_ c: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(c.value) || (0x2066...0x2069).contains(c.value)
    }

    /// `value` as Unicode writes a code point's number: at least four hexadecimal digits, upper case.
    public static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
