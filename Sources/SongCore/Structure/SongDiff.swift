/// What changed between two versions of a song, and whose the new parts are.
public struct SongDiff: Sendable, Hashable, Codable {
    /// One change.
    public struct Change: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Added, removed or changed.
        public enum Kind: String, Sendable, Hashable, Codable { case added, removed, changed }
        /// What happened.
        public var kind: Kind
        /// Where: a section label, or "song".
        public var place: String
        /// What: a line of words, "melody", "chords", "key"…
        public var what: String
        /// The contributor ids credited with the new part.
        public var by: [String]

        public var description: String {
            let sign = kind == .added ? "+" : kind == .removed ? "-" : "~"
            return "\(sign) \(place): \(what)" + (by.isEmpty ? "" : "  (\(by.joined(separator: ", ")))")
        }
    }

    /// The changes, song-level first, then section by section.
    public var changes: [Change]

    /// The changes from `old` to `new`.
    public init(from old: Song, to new: Song) {
        var out: [Change] = []
        func meta(_ name: String, _ a: String?, _ b: String?) {
            if a != b { out.append(Change(kind: .changed, place: "song", what: "\(name): \(a ?? "none") → \(b ?? "none")", by: [])) }
        }
        meta("title", old.metadata.title, new.metadata.title)
        meta("key", old.metadata.key?.description, new.metadata.key?.description)
        meta("meter", old.metadata.meter?.description, new.metadata.meter?.description)
        meta("tempo", old.metadata.tempo?.description, new.metadata.tempo?.description)
        meta("form", old.form.map(\.description).joined(separator: ", "), new.form.map(\.description).joined(separator: ", "))
        let oldIDs = old.sections.map(\.id), newIDs = new.sections.map(\.id)
        for id in oldIDs where !newIDs.contains(id) { out.append(Change(kind: .removed, place: id, what: "section", by: [])) }
        for section in new.sections {
            let before = old.section(section.id)
            if before == nil { out.append(Change(kind: .added, place: section.id, what: "section", by: [])) }
            let was = before?.lyricLines ?? []
            for (i, line) in section.lyricLines.enumerated() where !was.contains(line) {
                let by = new.provenance.credits.filter { $0.part == .lines && $0.section == section.id && ($0.lines.isEmpty || $0.lines.contains(i + 1)) }.flatMap(\.contributors)
                out.append(Change(kind: .added, place: section.id, what: "\"\(line)\"", by: Array(Set(by)).sorted()))
            }
            for line in was where !section.lyricLines.contains(line) { out.append(Change(kind: .removed, place: section.id, what: "\"\(line)\"", by: [])) }
            func credited(_ part: Credit.Part) -> [String] {
                Array(Set(new.provenance.credits.filter { $0.part == part && $0.section == section.id }.flatMap(\.contributors))).sorted()
            }
            if before?.melody != section.melody {
                out.append(Change(kind: before?.melody == nil ? .added : (section.melody == nil ? .removed : .changed), place: section.id, what: "melody", by: credited(.melody)))
            }
            if (before?.chords ?? []) != section.chords {
                out.append(Change(kind: .changed, place: section.id, what: "chords " + section.chords.map(\.description).joined(separator: " "), by: credited(.chords)))
            }
        }
        changes = out
    }
}
