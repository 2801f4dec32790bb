/// One block of a song sheet, in order: a section, or a recall of the chorus.
public enum SongBlock: Sendable, Hashable {
    /// A section with its lines.
    case section(Section)
    /// Sing the chorus again here (ChordPro `{chorus}` or `{chorus: Chorus 2}`).
    case chorusRecall(label: String?)
}
