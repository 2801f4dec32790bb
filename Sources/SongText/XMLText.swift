/// Text made safe for XML (MusicXML, the server's SVG): the five markup characters as entities, and the characters
/// XML 1.0 cannot hold at all (most controls, U+FFFE, U+FFFF) left out.
public enum XMLText {
    /// `s` as XML character data or an attribute value.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where c.value < 0x20 && c != "\t" && c != "\n" && c != "\r": continue
            case _ where c.value == 0xFFFE || c.value == 0xFFFF: continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
