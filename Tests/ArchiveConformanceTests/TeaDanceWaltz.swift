import SongCore
import SongText
import Testing

/// A song one musician is credited in, Wilfred Pottinger, whose name is written in its free text too: what the
/// tests of names in free text (the projection, erasure, search) start from.
enum TeaDanceWaltz {
    /// With his `consent` (as the ChordPro directive spells it) and `title`; with `namedBeyondTitle`, a subtitle and
    /// a composer that name him too.
    static func song(consent: String, title: String = "The Tea Dance Waltz", namedBeyondTitle: Bool = true) throws -> Song {
        let named = namedBeyondTitle ? "{subtitle: for the tea dance, by Wilfred Pottinger}\n{composer: Wilfred Pottinger}\n" : ""
        let text = """
            {title: \(title)}
            \(named){x_songbridge_contributor: id=c-wil; generation=older-adult; role=musician; consent=\(consent); name=Wilfred Pottinger}
            {x_songbridge_credit: c-wil; part=lines; section=Verse 1}
            {start_of_verse: Verse 1}
            [G]Round the hall and [D]round again
            {end_of_verse}
            """
        return try #require(try ChordProReader.read(text, name: "waltz").value.first)
    }
}
