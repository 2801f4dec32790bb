import Arrangement
import Foundation
import SongArchive
import SongCore
import SongMIDI
import SongText
import Synchronization
import ZipFiles

/// A choice of the tour's songs in one ZIP file, for archivists and for sharing. Every song is as the public may
/// see it, with each person's consent as it is on the day of the export (the same projection as every public
/// page), so the file can be handed on. Inside one folder named after the export:
///
/// - `README.txt`: what was chosen, when, and what the files are;
/// - `index.csv`: a row a song (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Welsh letters);
/// - a folder a tour stop (`machynlleth-2026-09-17/`), holding each song as ChordPro (`.cho`), as ABC where it
///   has a melody (`.abc`), and arranged in its own style as a MIDI file with its words (`.mid`).
///
/// The same songs, consent and date give the same bytes.
public struct TourZip: Sendable {
    /// The folder inside and the file's name, without `.zip` (`songbridge-wales`).
    public var name: String
    /// What was chosen, in words, for the README (`songs from Wales`).
    public var chosen: String
    /// When, for the README and the files' dates.
    public var exportedAt: Date

    public init(name: String, chosen: String, exportedAt: Date = Date()) {
        self.name = name
        self.chosen = chosen
        self.exportedAt = exportedAt
    }

    /// The ZIP file's bytes for `songs` (as listed or searched) from `archive`. The songs are read from the archive
    /// a batch at a time, then written out (ChordPro, ABC, arranged MIDI) and compressed on the machine's cores, so
    /// memory stays flat however many songs there are, and the file is the same whatever the number of cores.
    public func make(_ songs: [ArchivedSong], from archive: SongArchive.TourArchive) throws(ArchiveError) -> Data {
        do {
            var zip = ZipWriter(modified: exportedAt)
            var index = [["id", "title", "place", "nation", "date", "version", "style", "key", "meter", "themes", "words by", "music by", "files"]]
            var taken: Set<String> = []
            var unmerged = 0
            // Songs left out, or left without their MIDI file, and why: one damaged song never stops the export.
            var problems: [String] = []
            let batch = 256
            for first in stride(from: 0, to: songs.count, by: batch) {
                // In order, from the archive: each song as the public may see it, and its files' names.
                var read: [(listed: ArchivedSong, song: Song, base: String)] = []
                for listed in songs[first..<min(songs.count, first + batch)] {
                    guard listed.latestVersion > 0 else {
                        unmerged += 1
                        continue
                    }
                    let song: Song
                    do { song = try archive.publicSong(try archive.song(listed.id)) } catch {
                        problems.append("song \(listed.id) (\(OneLineText.safe(listed.title))) is not included: \(error.message)")
                        continue
                    }
                    let folder = TourArchive.fileName([listed.place, listed.date].compactMap { $0 }.joined(separator: " "))
                    let file = TourArchive.fileName(listed.title)
                    var base = "\(folder.isEmpty ? "no-stop" : folder)/\(file.isEmpty ? "song" : file)"
                    // Two songs of one title at one stop: the second is told apart by its id.
                    if !taken.insert(base).inserted {
                        base += "-\(listed.id)"
                        taken.insert(base)
                    }
                    read.append((listed, song, base))
                }
                // Side by side: each song's files, made and compressed.
                let made = Mutex([Result<Files, any Error>?](repeating: nil, count: read.count))
                let (name, batchRead) = (name, read)
                DispatchQueue.concurrentPerform(iterations: batchRead.count) { n in
                    let one = batchRead[n]
                    let result = Result { try Self.files(one.listed, one.song, base: name + "/" + one.base) }
                    made.withLock { $0[n] = result }
                }
                for (n, result) in made.withLock({ $0 }).enumerated() {
                    let files = try result!.get()
                    for entry in files.entries { try zip.add(entry) }
                    if let problem = files.problem { problems.append(problem) }
                    let (listed, song) = (read[n].listed, read[n].song)
                    let credits = song.provenance.publicCredits
                    index.append([
                        String(listed.id), song.metadata.title ?? listed.title, listed.place ?? "", listed.nation ?? "", listed.date ?? "",
                        String(listed.latestVersion), song.metadata.style ?? "", song.metadata.key?.description ?? "",
                        song.metadata.meter?.description ?? "", listed.themes.joined(separator: "; "), credits.words.joined(separator: ", "), credits.music.joined(separator: ", "),
                        files.entries.map { String($0.path.dropFirst(name.count + 1)) }.joined(separator: " "),
                    ])
                }
            }
            try zip.add(ZipWriter.Entry(path: name + "/index.csv", data: Data(("\u{FEFF}" + Self.csv(index)).utf8)))
            try zip.add(ZipWriter.Entry(path: name + "/README.txt", data: Data(readme(songs: index.count - 1, unmerged: unmerged, problems: problems).utf8)))
            return try zip.finish()
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError("cannot make the ZIP file: \(error)", kind: .cannotWrite)
        }
    }

    /// One song's entries (ChordPro, ABC where it has a melody, MIDI in its own style), and why it has no MIDI if not.
    struct Files: Sendable {
        var entries: [ZipWriter.Entry] = []
        var problem: String?
    }

    static func files(_ listed: ArchivedSong, _ song: Song, base: String) throws -> Files {
        var files = Files()
        files.entries.append(try ZipWriter.Entry(path: base + ".cho", data: Data(ChordProWriter.write(song).utf8)))
        if song.sections.contains(where: { $0.melody != nil }) {
            files.entries.append(try ZipWriter.Entry(path: base + ".abc", data: Data(ABCWriter.write(ABCTuneBook(song: song)).utf8)))
        }
        // A song its style cannot arrange, or too long to, still has its words and chords; the README says why.
        do {
            let performance = try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: nil, for: song)))
            files.entries.append(try ZipWriter.Entry(path: base + ".mid", data: Data(MIDIFile(performance: performance).data())))
        } catch let refused as Arranger.Problem {
            files.problem = "song \(listed.id) (\(OneLineText.safe(listed.title))) has no MIDI file: \(refused.description)"
        }
        return files
    }

    private func readme(songs: Int, unmerged: Int, problems: [String]) -> String {
        let day = ISO8601DateFormatter.string(from: exportedAt, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        var text = """
            Songbridge: \(chosen)
            Exported \(day): \(songs) song\(songs == 1 ? "" : "s").

            Every song is as the public may see it on that day: each person is credited only as they agreed, children
            and teenagers by name only with a guardian's consent, and the words and music of anyone who withdrew are
            left out. Check again before using an old export: consent can change.

            index.csv      a row a song: where and when it was written, its newest version, style, key, meter, themes,
                           who wrote the words and the music (as consent allows), and its files
            PLACE-DATE/    a folder a tour stop, with each song as
                           .cho  ChordPro: words with chords (https://www.chordpro.org)
                           .abc  ABC: a tune a section with a melody, words under the notes (https://abcnotation.com)
                           .mid  a Standard MIDI File, arranged in the song's style, with its words

            """
        if unmerged > 0 {
            text += "\n\(unmerged) chosen song\(unmerged == 1 ? " has" : "s have") no merged draft yet and \(unmerged == 1 ? "is" : "are") not included.\n"
        }
        if !problems.isEmpty {
            text += "\nNot everything could be exported:\n" + problems.map { "- \($0)\n" }.joined()
        }
        return text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// Rows as CSV (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled; CRLF endings.
    /// A field a spreadsheet would take as a formula (starting `=`, `+`, `-`, `@`, a tab or a carriage return) is
    /// given a leading `'`, as OWASP's advice on CSV injection has it: a name typed as `=HYPERLINK(…)` stays text.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { raw in
                let field = raw.first.map { "=+-@\t\r".contains($0) } == true ? "'" + raw : raw
                let quoted = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                return quoted ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
