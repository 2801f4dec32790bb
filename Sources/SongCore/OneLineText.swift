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
            return "\(what) holds a control character (U+\(hex(bad.value))); give it on one line, as plain text"
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

    /// Control characters (C0, DEL, C1) and Unicode's line and paragraph separators, which some programs take as
    /// a new line.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
