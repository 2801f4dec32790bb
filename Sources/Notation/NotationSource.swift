import SongCore
import SongText

/// What the engraver is given for one tune: the ABC it draws and the accessible name the drawing carries. Equal
/// sources give equal drawings, so a source is the key a drawing is kept under.
public struct NotationSource: Sendable, Hashable {
    /// The tune as ABC, with the layout directives before it: written here from the model (never text a user typed
    /// as ABC), so nothing in it can ask abcm2ps to read a file or put raw SVG in its drawing.
    public var abc: String
    /// What a screen reader says for the drawing.
    public var name: String

    /// How large the notation is drawn: a song page's, or the large-print sheet's.
    public enum Size: String, Sendable, Hashable, CaseIterable {
        case page, largePrint = "large-print"

        /// abcm2ps's `%%scale` and the words' and chords' font sizes (points, before scaling).
        var directives: [String] {
            switch self {
            case .page: ["%%scale 0.8", "%%vocalfont Helvetica 13", "%%gchordfont Helvetica-Bold 13"]
            case .largePrint: ["%%scale 1.1", "%%vocalfont Helvetica-Bold 16", "%%gchordfont Helvetica-Bold 16"]
            }
        }
    }

    /// The most notes one drawing takes: a section is a verse or a chorus, and a tune longer than this is not drawn.
    public static let maximumNotes = 2_000

    /// `melody` drawn without its tempo (the page says it in words) and without a title, named `name`.
    public init(_ melody: Melody, name: String, size: Size = .page) {
        var tune = melody
        tune.tempo = nil
        var lines = [
            "%%pagewidth 21cm", "%%leftmargin 0.6cm", "%%rightmargin 0.6cm", "%%topspace 0", "%%titlespace 0",
            "%%musicspace 0.2cm", "%%staffsep 1.6cm", "%%vocalspace 0.4cm", "%%measurenb 0", "%%stretchlast 0.7",
        ]
        lines += size.directives
        lines += ["X:1"] + ABCWriter.headerLines(tune) + [ABCWriter.writeVoices(tune)]
        abc = lines.joined(separator: "\n") + "\n"
        self.name = name
    }

    /// The accessible name for a section's tune: its label, key, meter and length, e.g. "The tune of Verse 1: G major, 4/4, 8 bars".
    public static func name(section label: String, melody: Melody) -> String {
        let bars = melody.elements.reduce(into: 0) { count, element in if case .bar = element { count += 1 } }
        return "The tune of \(label): \(melody.key.tonic) \(melody.key.mode), \(melody.meter), \(bars) bar\(bars == 1 ? "" : "s")"
    }
}
