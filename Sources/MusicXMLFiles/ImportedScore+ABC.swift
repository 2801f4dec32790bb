import SongCore
import SongText

extension ImportedScore {
    /// The tune as ABC, as a melody contribution keeps it: its title (if any), then the tune with its words.
    public var abc: String {
        var fields: [ABCField] = []
        if let title { fields.append(ABCField("T", title)) }
        return ABCWriter.write(ABCTune(reference: 1, fields: fields, melody: melody)) + "\n"
    }
}
