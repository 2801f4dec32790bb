import Foundation

/// The pronouncing dictionary: the CMU Pronouncing Dictionary (135,000 words), British overrides, and how common
/// each word is. The file is memory-mapped and searched in place, so loading costs almost nothing.
public final class Lexicon: Sendable {
    private let data: Data
    private let count: Int
    private let tableStart: Int
    private let orderStart: Int
    private let wordsStart: Int
    private let phonesStart: Int
    private let overrides: [String: [Pronunciation]]

    /// Why the lexicon file cannot be used.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The lexicon shipped with Songbridge.
    public static let shared: Lexicon = {
        do { return try Lexicon.bundled() } catch { preconditionFailure("the Lyrics resources are missing from the build: \(error)") }
    }()

    /// Loads the lexicon and overrides from the Lyrics resources.
    public static func bundled() throws -> Lexicon {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "bin") else { throw LoadError(description: "lexicon.bin not found") }
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        let overridesURL = Bundle.module.url(forResource: "british-overrides", withExtension: "txt")
        let overrides = overridesURL.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        return try Lexicon(data: data, overrides: overrides)
    }

    /// A lexicon from the bytes of `lexicon.bin` (format in scripts/build-lexicon.py) and overrides in cmudict format.
    public init(data: Data, overrides: String = "") throws {
        guard data.count >= 20, data.prefix(8) == Data("SBLX0001".utf8) else { throw LoadError(description: "not a Songbridge lexicon") }
        self.data = data
        func u32(_ at: Int) -> Int { data.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) } }
        count = u32(8)
        let wordBytes = u32(12), phoneBytes = u32(16)
        tableStart = 20
        orderStart = tableStart + 12 * count
        wordsStart = orderStart + 4 * count
        phonesStart = wordsStart + wordBytes
        guard phonesStart + phoneBytes == data.count else { throw LoadError(description: "lexicon.bin is damaged (sizes do not add up)") }
        var o: [String: [Pronunciation]] = [:]
        for line in overrides.split(separator: "\n") where !line.hasPrefix(";") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let p = Pronunciation(arpabet: parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            o[parts[0].lowercased(), default: []].append(p)
        }
        self.overrides = o
    }

    /// Number of dictionary entries (pronunciations).
    public var entryCount: Int { count }

    // MARK: - Entries

    private func u32(_ at: Int) -> Int { data.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian) } }
    private func u16(_ at: Int) -> Int { data.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) } }
    private func u8(_ at: Int) -> Int { data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in Int(raw[at]) } }

    /// The word of entry `i`.
    public func word(_ i: Int) -> String {
        let at = tableStart + 12 * i
        let offset = wordsStart + u32(at), length = u16(at + 8)
        return String(decoding: data[offset..<offset + length], as: UTF8.self)
    }

    /// The pronunciation of entry `i`.
    public func pronunciation(_ i: Int) -> Pronunciation {
        let at = tableStart + 12 * i
        let offset = phonesStart + u32(at + 4), length = u8(at + 10)
        return Pronunciation(phones: data[offset..<offset + length].map { Phone(code: $0) })
    }

    /// How common entry `i`'s word is: 0 the most common, 255 not in the frequency list.
    public func frequency(_ i: Int) -> Int { u8(tableStart + 12 * i + 11) }

    /// The entries for `word` (its pronunciations), by binary search.
    public func entries(for word: String) -> Range<Int> {
        var key = word.lowercased()
        return key.withUTF8 { key in
            // One view of the bytes for the whole search: a `Data` access per comparison (three a step) was most
            // of a word's lookup, and lookups most of a song page's marking of Welsh lines.
            data.withUnsafeBytes { raw -> Range<Int> in
                let (table, words, n) = (tableStart, wordsStart, count)
                func compare(_ i: Int) -> Int {
                    let at = table + 12 * i
                    let offset = words + Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
                    let length = Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt16.self).littleEndian)
                    let common = min(length, key.count)
                    for k in 0..<common {
                        let a = raw[offset + k], b = key[k]
                        if a != b { return a < b ? -1 : 1 }
                    }
                    return length == key.count ? 0 : (length < key.count ? -1 : 1)
                }
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if compare(mid) < 0 { lo = mid + 1 } else { hi = mid }
                }
                var end = lo
                while end < n, compare(end) == 0 { end += 1 }
                return lo..<end
            }
        }
    }

    /// Every pronunciation of `word`: the British override when there is one, else the dictionary's.
    public func pronunciations(of word: String) -> [Pronunciation] {
        let lower = word.lowercased()
        if let o = overrides[lower] { return o }
        return entries(for: lower).map(pronunciation)
    }

    /// Whether Songbridge's British overrides give this word's pronunciation.
    public func hasOverride(_ word: String) -> Bool { overrides[word.lowercased()] != nil }

    /// Whether the word is in the dictionary or the overrides.
    public func contains(_ word: String) -> Bool {
        let lower = word.lowercased()
        if let o = overrides[lower] { return !o.isEmpty }
        return !entries(for: lower).isEmpty
    }

    /// How common a word is (0 most common … 255 unknown).
    public func frequency(of word: String) -> Int {
        entries(for: word.lowercased()).map(frequency).min() ?? 255
    }

    // MARK: - Rhymes

    /// The rhyme key of entry `i`, as the file sorts it: rhyme part reversed.
    private func rhymeKey(_ i: Int) -> [UInt8] { Array(pronunciation(i).rhymePart.reversed()) }

    private func compareKeys(_ a: [UInt8], _ b: [UInt8], prefixOnly: Bool) -> Int {
        let n = min(a.count, b.count)
        for k in 0..<n where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
        if prefixOnly && a.count >= b.count { return 0 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// The first position in rhyme order whose entry satisfies `atOrAfter` (which must be false, then true).
    private func firstInRhymeOrder(_ atOrAfter: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if atOrAfter(u32(orderStart + 4 * mid)) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Entries whose rhyme part is exactly `rhymePart`, most common first.
    public func entries(rhymingWith rhymePart: [UInt8]) -> [Int] {
        let key = Array(rhymePart.reversed())
        var out: [Int] = []
        var i = firstInRhymeOrder { compareKeys(rhymeKey($0), key, prefixOnly: false) >= 0 }
        while i < count {
            let e = u32(orderStart + 4 * i)
            guard compareKeys(rhymeKey(e), key, prefixOnly: false) == 0 else { break }
            out.append(e)
            i += 1
        }
        return out
    }

    /// Entries whose rhyme part ends with `suffix` (compared from the end): for near rhymes on final consonants.
    public func entries(rhymeEndingWith suffix: [UInt8], limit: Int) -> [Int] {
        let key = Array(suffix.reversed())
        var out: [Int] = []
        var i = firstInRhymeOrder { compareKeys(rhymeKey($0), key, prefixOnly: true) >= 0 }
        while i < count, out.count < limit {
            let e = u32(orderStart + 4 * i)
            guard compareKeys(rhymeKey(e), key, prefixOnly: true) == 0 else { break }
            out.append(e)
            i += 1
        }
        return out
    }
}
