extension Provenance {
    /// Who is credited in public output for the words and for the music, each person shown only as their consent
    /// allows and withdrawn people left out (`["Margaret Hughes", "J. T.", "a child"]`).
    public var publicCredits: (words: [String], music: [String]) {
        func names(_ parts: Set<Credit.Part>) -> [String] {
            var seen: Set<String> = []
            var out: [String] = []
            for credit in credits where parts.contains(credit.part) {
                for id in credit.contributors {
                    guard seen.insert(id).inserted, let person = contributor(id), let shown = person.publicCredit else { continue }
                    out.append(shown)
                }
            }
            // Several anonymous people of one generation read better once, counted.
            var counted: [String: Int] = [:]
            for name in out { counted[name, default: 0] += 1 }
            var result: [String] = []
            for name in out where counted[name] != nil {
                let n = counted.removeValue(forKey: name)!
                result.append(n > 1 && name.hasPrefix("a") ? "\(n) \(Provenance.plural(name))" : name)
            }
            return result
        }
        return (names([.lines, .title]), names([.melody, .chords, .structure]))
    }

    /// The same as credit lines: `Words: Margaret Hughes, J. T., a child` and `Music: Sam Reed`. Empty when nobody
    /// is credited.
    public var publicCreditLines: [String] {
        let (words, music) = publicCredits
        var lines: [String] = []
        if !words.isEmpty { lines.append("Words: " + words.joined(separator: ", ")) }
        if !music.isEmpty { lines.append("Music: " + music.joined(separator: ", ")) }
        return lines
    }

    /// "a child" → "children", "an older adult" → "older adults".
    static func plural(_ credit: String) -> String {
        var s = credit
        if s.hasPrefix("an ") { s.removeFirst(3) } else if s.hasPrefix("a ") { s.removeFirst(2) }
        return s == "child" ? "children" : s + "s"
    }
}
