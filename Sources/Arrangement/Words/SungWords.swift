import Lyrics
import SongCore

/// The words a draft sings: a section's lines as they are now, on its tune. A tune carries the words it was
/// written with (ABC `w:`); when the section's lines have changed since (a line added from a tablet, a line
/// rewritten), or a new section has words and no tune of its own (a third verse written in the room), the lines
/// are laid on the tune here, a line of words to a line of the tune, so the draft sings what the page shows:
///
/// - a section whose tune's words match its lines keeps the tune as written (with its hand-placed melismas);
/// - a verse or chorus without a tune is sung to the first of its kind that has one (verses share a tune);
/// - each syllable takes the next note (a tied note holds the syllable before); notes left over hold the last
///   syllable; syllables left over are sung on the line's last note (the merge reports words that do not fit);
/// - lines beyond the tune's repeat its last line;
/// - a tune with several verses of words (`w:` lines a verse) is left as written.
public enum SungWords {
    /// `song` with each section's tune carrying its current lines.
    public static func apply(to song: Song, analyzer given: LyricAnalyzer? = nil) -> Song {
        // The lexicon is loaded only when some words are laid on a tune (a chart of chords has none, and loading it
        // was a twentieth of `render --midi` for one).
        var loaded = given
        func analyzer() -> LyricAnalyzer {
            if let loaded { return loaded }
            let made = LyricAnalyzer()
            loaded = made
            return made
        }
        var song = song
        let sections = song.sections
        for (index, block) in song.blocks.enumerated() {
            guard case .section(var section) = block else { continue }
            let lines = section.lyricLines
            guard !lines.isEmpty else { continue }
            if let melody = section.melody {
                guard melody.verseCount <= 1, !sings(melody, lines) else { continue }
                section.melody = lay(lines, on: melody, analyzer: analyzer())
            } else if let tune = section.borrowedTune(among: sections) {
                section.melody = lay(lines, on: tune, analyzer: analyzer())
            } else {
                continue
            }
            song.blocks[index] = .section(section)
        }
        return song
    }

    /// Whether `melody`'s own words are `lines` (letters and digits compared, so hyphens, spaces, case and
    /// punctuation do not count; a line of the tune with no words is passed over).
    static func sings(_ melody: Melody, _ lines: [String]) -> Bool {
        var sung: [String] = [""]
        for element in melody.elements {
            switch element {
            case .note(let note):
                if let first = note.lyrics.first, case .syllable(let text, _) = first { sung[sung.count - 1] += text }
            case .lineBreak: sung.append("")
            default: break
            }
        }
        return sung.map(Section.comparableWords).filter { !$0.isEmpty } == lines.map(Section.comparableWords).filter { !$0.isEmpty }
    }


    /// `tune` singing `lines`, a line of words to a line of the tune.
    public static func lay(_ lines: [String], on tune: Melody, analyzer: LyricAnalyzer = LyricAnalyzer()) -> Melody {
        let words: [[(text: String, continues: Bool)]] = lines.map { line in
            analyzer.analyze(line: line).words.flatMap { word in
                word.syllables.enumerated().map { k, syllable in (syllable, k < word.syllables.count - 1) }
            }
        }
        // The tune's lines, split at its line breaks; the ones with notes are sung.
        var segments: [[MelodyElement]] = [[]]
        for element in tune.elements {
            if case .lineBreak = element { segments.append([]) } else { segments[segments.count - 1].append(element) }
        }
        func hasNotes(_ segment: [MelodyElement]) -> Bool { segment.contains { if case .note = $0 { true } else { false } } }
        var sung = segments.indices.filter { hasNotes(segments[$0]) }
        guard let last = sung.last else { return tune }
        if words.count > sung.count {
            segments.insert(contentsOf: Array(repeating: segments[last], count: words.count - sung.count), at: last + 1)
            sung = segments.indices.filter { hasNotes(segments[$0]) }
        }
        for (n, s) in sung.enumerated() {
            let syllables = n < words.count ? words[n] : []
            let noteIndices = segments[s].indices.filter { if case .note = segments[s][$0] { true } else { false } }
            var next = 0
            var tiedFromBefore = false
            for (k, i) in noteIndices.enumerated() {
                guard case .note(var note) = segments[s][i] else { continue }
                if tiedFromBefore || next >= syllables.count {
                    note.lyrics = syllables.isEmpty ? [.skip] : [.hold]
                } else if k == noteIndices.count - 1, next < syllables.count - 1 {
                    // More syllables than notes: the rest are sung on the last note.
                    let rest = syllables[next...]
                    let text = rest.enumerated().map { j, s in s.text + (j < rest.count - 1 && !s.continues ? " " : "") }.joined()
                    note.lyrics = [.syllable(text, continuesWord: false)]
                    next = syllables.count
                } else {
                    note.lyrics = [.syllable(syllables[next].text, continuesWord: syllables[next].continues)]
                    next += 1
                }
                tiedFromBefore = note.tiedToNext
                segments[s][i] = .note(note)
            }
        }
        var melody = tune
        melody.elements = Array(segments.map { $0 }.joined(separator: [MelodyElement.lineBreak]))
        return melody
    }
}
