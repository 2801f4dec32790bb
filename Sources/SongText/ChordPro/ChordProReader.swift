import SongCore

/// Reads ChordPro song sheets, with ABC melodies in `{start_of_abc}` blocks and provenance in `x_songbridge_…` directives.
public enum ChordProReader {
    /// Reads every song in `source` (songs are separated by `{new_song}`).
    public static func read(_ source: SourceText) throws(DiagnosticError) -> Parsed<[Song]> {
        var reader = ChordProSheetReader(source: source)
        reader.run()
        try reader.log.check()
        return Parsed(value: reader.songs, warnings: reader.log.warnings)
    }

    /// Reads `text` as a ChordPro file named `name` in diagnostics.
    public static func read(_ text: String, name: String = "<chordpro>") throws(DiagnosticError) -> Parsed<[Song]> {
        try read(SourceText(text, name: name))
    }

    /// Formatting directives of the ChordPro spec that Songbridge keeps as written without interpreting them.
    static let passThrough: Set<String> = [
        "new_page", "new_physical_page", "column_break", "columns", "pagetype", "image", "define", "chord",
        "textfont", "textsize", "textcolour", "chordfont", "chordsize", "chordcolour", "tabfont", "tabsize", "tabcolour",
        "titlefont", "titlesize", "titlecolour", "footerfont", "footersize", "footercolour", "tocfont", "tocsize", "toccolour",
        "gridfont", "gridsize", "gridcolour", "labelfont", "labelsize", "labelcolour", "grid", "no_grid", "diagrams",
        "titles", "sorttitle", "highlight",
    ]

    /// Environment names and the section kind they make.
    static let environments: [String: SectionKind] = [
        "verse": .verse, "chorus": .chorus, "bridge": .bridge, "intro": .intro, "outro": .outro,
        "instrumental": .instrumental, "tab": .tab, "grid": .grid,
    ]
}

import Foundation
