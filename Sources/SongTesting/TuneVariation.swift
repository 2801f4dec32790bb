import Foundation
import SongCore
import SongText

/// A song's text (ChordPro with its tunes in `{start_of_abc}` blocks) with a few notes of each tune moved a step,
/// as another setting of the same song might have them: for the scale bench's generated archive, so its songs do
/// not share five tunes (a shared tune is drawn and searched once and then found in every cache, which a real
/// archive's songs would not be). The number of notes, the rhythm, the words under them and the chords stay as
/// they are; the same seed gives the same variation.
public enum TuneVariation {
    /// `text` with the tune of each ABC block replaced by the next of `tunes` (ABC tunes with their own headers),
    /// in order, round again if there are more blocks than tunes; the words and chords of the ChordPro around them
    /// stay. The scale bench gives its songs real tunes so.
    public static func replacingTunes(in text: String, with tunes: [String]) -> String {
        guard !tunes.isEmpty else { return text }
        var used = 0
        return mappingBlocks(text) { _ in
            defer { used += 1 }
            return tunes[used % tunes.count].split(separator: "\n")
        }
    }

    /// `text` with the lines inside each `{start_of_abc}` … `{end_of_abc}` block given to `change`, in order, and
    /// replaced by what it returns; an unclosed last block is left as it is.
    static func mappingBlocks(_ text: String, _ change: ([Substring]) -> [Substring]) -> String {
        var out: [Substring] = []
        var block: [Substring] = []
        var inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inBlock, line.hasPrefix("{end_of_abc") {
                out += change(block)
                block = []
                inBlock = false
            } else if inBlock {
                block.append(line)
                continue
            } else if line.hasPrefix("{start_of_abc") {
                inBlock = true
            }
            out.append(line)
        }
        return (out + block).joined(separator: "\n")
    }

    /// A tunebook tune as a song's block can hold it: its lines but its words (`w:`, `W:`) and empty lines, or nil
    /// when that does not read as one tune of `least` notes or more in one voice.
    public static func blockTune(_ abc: String, least: Int = 16) -> String? {
        let lines = abc.split(separator: "\n").filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("w:") && !trimmed.hasPrefix("W:")
        }
        let tune = lines.joined(separator: "\n")
        let sheet = "{title: t}\n{start_of_abc: Verse}\n\(tune)\n{end_of_abc}\n"
        guard let song = try? ChordProReader.read(sheet, name: "tune.cho").value.first, let melody = song.sections.first?.melody,
              melody.voices.isEmpty, melody.elements.count(where: { if case .note = $0 { true } else { false } }) >= least else { return nil }
        return tune
    }

    /// `text` with `count` notes of each ABC block moved a step within their octave (B and b down, the others up).
    public static func vary(_ text: String, seed: UInt64, count: Int = 3) -> String {
        var random = Mutator(seed: seed)
        return mappingBlocks(text) { varyBlock($0, count: count, random: &random) }
    }

    /// The note letters of a block's music lines (after its K: line; not words, fields, chord symbols in quotes,
    /// decorations in !…! or inline fields in […:…]), `count` of them moved.
    static func varyBlock(_ lines: [Substring], count: Int, random: inout Mutator) -> [Substring] {
        var chars = lines.map { Array($0) }
        var places: [(line: Int, at: Int)] = []
        var music = false
        for (l, line) in chars.enumerated() {
            let isField = line.count >= 2 && line[1] == ":" && line[0].isLetter
            if isField {
                if line[0] == "K" { music = true }
                continue
            }
            guard music, !line.starts(with: ["%"]) else { continue }
            var quoted = false, bang = false, inline = 0
            for (i, c) in line.enumerated() {
                if c == "\"" { quoted.toggle(); continue }
                if quoted { continue }
                if c == "!" { bang.toggle(); continue }
                if bang { continue }
                if c == "[", i + 2 < line.count, line[i + 2] == ":", line[i + 1].isLetter { inline += 1; continue }
                if inline > 0 { if c == "]" { inline -= 1 }; continue }
                if "ABCDEFGabcdefg".contains(c) { places.append((l, i)) }
            }
        }
        guard !places.isEmpty else { return lines }
        for _ in 0..<count {
            let (l, i) = places[random.below(places.count)]
            let c = chars[l][i]
            let ring: [Character] = c.isUppercase ? ["C", "D", "E", "F", "G", "A", "B"] : ["c", "d", "e", "f", "g", "a", "b"]
            let k = ring.firstIndex(of: c)!
            chars[l][i] = k == ring.count - 1 ? ring[k - 1] : ring[k + 1]
        }
        return chars.map { Substring(String($0)) }
    }
}
