/// A song as a page template reads it.
extension SongJSON {
    /// The keys and values the song's JSON has (a key left out where its JSON leaves it out: nil's), made directly
    /// rather than encoded and read back, which was a tenth of a song page never shown before.
    var templateObject: [String: Any] {
        var object: [String: Any] = ["id": id, "title": title, "themes": themes, "credits": credits, "form": form]
        if let key { object["key"] = key }
        if let meter { object["meter"] = meter }
        if let tempo { object["tempo"] = tempo }
        if let place { object["place"] = place }
        if let nation { object["nation"] = nation }
        if let date { object["date"] = date }
        object["sections"] = sections.map { section -> [String: Any] in
            var s: [String: Any] = ["label": section.label, "kind": section.kind, "hasMelody": section.hasMelody]
            if let note = section.tuneNote { s["tuneNote"] = note }
            s["lines"] = section.lines.map { line -> [String: Any] in
                ["number": line.number, "words": line.words, "chords": line.chords,
                 "segments": line.segments.map { ["chord": $0.chord, "text": $0.text] as [String: Any] }]
            }
            return s
        }
        return object
    }
}
