/// One item of a melody in written order.
public enum MelodyElement: Sendable, Hashable {
    /// A note or a chord of notes.
    case note(Note)
    /// A rest.
    case rest(Rest)
    /// A bar line.
    case bar(BarLine)
    /// The start of a numbered ending: `[1`, `[2`, `[1,3`, `[1-3`.
    case ending([Int])
    /// A tuplet covering the following notes (their durations already scaled).
    case tuplet(Tuplet)
    /// A slur opens `(` or closes `)`.
    case slur(start: Bool)
    /// A key change from here on.
    case key(Key)
    /// A meter change from here on.
    case meter(Meter)
    /// A new unit note length (ABC `L:`) from here on; affects writing only.
    case unitLength(NoteLength)
    /// A tempo change from here on.
    case tempo(Tempo)
    /// The start of a part (`P:A`).
    case part(String)
    /// A decoration written on a bar line rather than a note (`H|]`, `!segno!|`): it marks the bar line that
    /// follows, and no note is decorated. Kept as written.
    case barDecoration(String)
    /// The end of a written line of music.
    case lineBreak
}
