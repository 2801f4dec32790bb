import Foundation
import SongCore

/// Reads a musician's MusicXML (from MuseScore, Sibelius, Dorico; `.musicxml`, `.xml` or compressed `.mxl`) into
/// a melody: the first part's first voice, with its pitches, lengths, ties, tuplets, rests, bar lines, repeats
/// and endings, key, meter and tempo, every verse's words a syllable a note, and the chord symbols. Partwise
/// scores only (a timewise one is refused plainly); versions up to 4.0. Hostile files are refused before they can
/// cost anything: see `XMLTree` (no DTD, no entities, counted elements) and `MXLArchive` (zip bombs, paths).
public enum MusicXMLReader {
    /// The most bytes a score may have, compressed or not.
    public static let maximumBytes = 32 << 20
    /// The most measures read.
    static let maximumMeasures = 5_000

    /// The score in `data`, named `name` in messages.
    public static func read(_ data: Data, name: String) throws(ScoreImportError) -> ImportedScore {
        guard data.count <= maximumBytes else { throw ScoreImportError("\(name): over \(maximumBytes >> 20) MB; refused") }
        let xml = MXLArchive.isZip(data) ? try MXLArchive.score(in: data, name: name) : data
        let root = try XMLTree.parse(xml, name: name)
        switch root.name {
        case "score-partwise": break
        case "score-timewise":
            throw ScoreImportError("\(name):\(root.line): a timewise score (<score-timewise>); Songbridge reads partwise MusicXML: export it again as MusicXML from your notation program")
        default:
            throw ScoreImportError("\(name):\(root.line): not MusicXML: the document is <\(root.name)>, where a score is <score-partwise>")
        }
        if let version = root.attributes["version"], let major = Int(version.prefix { $0.isNumber }), major > 4 {
            throw ScoreImportError("\(name):\(root.line): MusicXML \(version) is newer than Songbridge reads (up to 4.0): export it as MusicXML 4.0 or earlier")
        }
        let title = root.child("work")?.value("work-title") ?? root.value("movement-title")
        let parts = root.all("part")
        guard let part = parts.first else { throw ScoreImportError("\(name):\(root.line): the score has no <part>") }
        var reader = PartReader(name: name)
        if parts.count > 1 { reader.notes.append("only the first part is read (\(parts.count) parts in the score)") }
        try reader.read(part)
        return ImportedScore(title: title?.isEmpty == false ? title : nil, melody: reader.melody(), notes: reader.notes)
    }
}
