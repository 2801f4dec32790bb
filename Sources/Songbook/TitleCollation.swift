import Foundation

/// Alphabetical order for a songbook's indexes, in English or in Welsh. The Welsh alphabet treats ch, dd, ff, ng,
/// ll, ph, rh and th as single letters, each after the letter it begins with (a b c ch d dd e f ff g ng h i j l ll
/// m n o p ph r rh s t th u w y: the order of Geiriadur Prifysgol Cymru and of Welsh school dictionaries). One
/// merged alphabet holds both (Welsh digraphs after their first letter, English k q v x z where English has them),
/// so an index with titles in both languages is in order for each. Accents and case are set aside (â with a), and
/// so is everything but letters and digits; ties are broken by the full text, so the order is total.
public enum TitleCollation {
    public enum Language: Sendable, Hashable { case english, welsh }

    /// The letters in order, digits first.
    static let alphabet: [String] = "0 1 2 3 4 5 6 7 8 9 a b c ch d dd e f ff g ng h i j k l ll m n o p ph q r rh s t th u v w x y z"
        .split(separator: " ").map(String.init)
    static let rank: [String: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    static let digraphs: Set<String> = ["ch", "dd", "ff", "ng", "ll", "ph", "rh", "th"]

    /// The ranks of `text`'s letters, read as `language` reads them.
    public static func key(_ text: String, language: Language) -> [Int] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        let letters = folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map { String($0) }
        var ranks: [Int] = []
        var i = 0
        while i < letters.count {
            if language == .welsh, i + 1 < letters.count, digraphs.contains(letters[i] + letters[i + 1]) {
                ranks.append(rank[letters[i] + letters[i + 1]]!)
                i += 2
                continue
            }
            // A letter outside the alphabet (ø, ß after folding) sorts after z, by its code.
            ranks.append(rank[letters[i]] ?? (alphabet.count + Int(letters[i].unicodeScalars.first!.value)))
            i += 1
        }
        return ranks
    }

    /// `items` in alphabetical order of `text`, each read in its own language.
    public static func sorted<T>(_ items: [T], text: (T) -> String, language: (T) -> Language) -> [T] {
        items.map { (item: $0, key: key(text($0), language: language($0)), text: text($0)) }
            .sorted { a, b in a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.text < b.text }
            .map(\.item)
    }
}
