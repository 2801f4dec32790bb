import Foundation
import SongCore

/// What a rendered file says about itself, so a phone's player or an archivist's library shows the song, not a
/// file name: its title, who made it as the public may see them, the tour stop and its date. Written as Vorbis
/// comments in FLAC and Ogg (TITLE, ARTIST, ALBUM, DATE, COMMENT) and as a RIFF INFO list in WAV (INAM, IART, IPRD,
/// ICRD, ICMT), all in UTF-8, with the encoder named (ENCODER / ISFT).
///
/// Consent: made from a song, it holds only the song's public credits (each person as their consent allows,
/// withdrawn people left out), so give it the song as the public may see it. A file keeps its tags wherever it
/// goes; nobody is named in one who would not be named on the song's page.
public struct AudioTags: Sendable, Hashable {
    public var title: String?
    /// Everyone credited, words then music, each once.
    public var artist: String?
    /// Where the song was written: the tour stop.
    public var album: String?
    public var date: String?
    /// The credit lines ("Words: …; Music: …").
    public var comment: String?

    /// The longest value kept, in characters.
    public static let longest = 200
    /// The program named in every file.
    public static let software = "Songbridge"

    public init(title: String? = nil, artist: String? = nil, album: String? = nil, date: String? = nil, comment: String? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.date = date
        self.comment = comment
    }

    /// A song's tags: its title, its public credits, its tour stop ("Songbridge tour: Weymouth, England") and the
    /// stop's date.
    public init(song: Song) {
        let (words, music) = song.provenance.publicCredits
        var everyone: [String] = []
        for name in words + music where !everyone.contains(name) { everyone.append(name) }
        let lines = song.provenance.publicCreditLines
        self.init(title: song.metadata.title,
                  artist: everyone.isEmpty ? nil : everyone.joined(separator: ", "),
                  album: song.provenance.stop.map { "Songbridge tour: \($0.place), \($0.nation.name)" },
                  date: song.provenance.stop?.date,
                  comment: lines.isEmpty ? nil : lines.joined(separator: "; "))
    }

    /// Each tag as its Vorbis comment name, its libsndfile string kind, and its value made one line of plain text
    /// (`OneLineText.plain`: line breaks, tabs, control and direction characters as spaces), at most `longest`
    /// characters. A tag with nothing left is not written.
    var fields: [(vorbis: String, sndfile: Int32, value: String)] {
        let all: [(String, Int32, String?)] = [("TITLE", 0x01, title), ("ARTIST", 0x04, artist), ("ALBUM", 0x07, album), ("DATE", 0x06, date),
                                               ("COMMENT", 0x05, comment), ("ENCODER", 0x03, Self.software)]
        return all.compactMap { name, kind, value in
            guard let value else { return nil }
            let plain = OneLineText.plain(value).trimmingCharacters(in: .whitespaces)
            return plain.isEmpty ? nil : (name, kind, String(plain.prefix(Self.longest)))
        }
    }
}
