import SongCore

/// Writes songs as ChordPro that `ChordProReader` reads back to equal songs and that plain ChordPro tools still read.
public enum ChordProWriter {
    /// Several songs, separated by `{new_song}`.
    public static func write(_ songs: [Song]) -> String {
        songs.map(write).joined(separator: "\n{new_song}\n")
    }

    /// One song: metadata, provenance, then the sections with their ABC melodies.
    public static func write(_ song: Song) -> String {
        var head: [String] = []
        let m = song.metadata
        for c in m.fileComments { head.append(c.isEmpty ? "#" : "# \(OneLineText.safe(c))") }
        if let t = m.title { head.append("{title: \(v(t))}") }
        for s in m.subtitles { head.append("{subtitle: \(v(s))}") }
        for a in m.artists { head.append("{artist: \(v(a))}") }
        for l in m.lyricists { head.append("{lyricist: \(v(l))}") }
        for c in m.composers { head.append("{composer: \(v(c))}") }
        if let a = m.album { head.append("{album: \(v(a))}") }
        if let y = m.year { head.append("{year: \(v(y))}") }
        if let k = m.key { head.append("{key: \(k)}") }
        if let t = m.meter { head.append("{time: \(t)}") }
        if let t = m.tempo { head.append("{tempo: \(tempoText(t))}") }
        if let c = m.capo { head.append("{capo: \(c)}") }
        if let c = m.copyright { head.append("{copyright: \(v(c))}") }
        if let t = m.transpose { head.append("{transpose: \(t)}") }
        for e in m.other {
            head.append(e.name == "duration" ? "{duration: \(v(e.value))}" : "{meta: \(v(e.name)) \(v(e.value))}")
        }
        if !m.themes.isEmpty { head.append("{x_songbridge_theme: \(v(m.themes.joined(separator: ", ")))}") }
        if let style = m.style { head.append("{x_songbridge_style: \(v(style))}") }
        if let stop = song.provenance.stop { head.append("{x_songbridge_stop: \(v(ProvenanceDirectives.write(stop)))}") }
        for c in song.provenance.contributors { head.append("{x_songbridge_contributor: \(v(ProvenanceDirectives.write(c)))}") }
        for c in song.provenance.credits { head.append("{x_songbridge_credit: \(v(ProvenanceDirectives.write(c)))}") }
        if let form = song.explicitForm { head.append("{x_songbridge_form: \(v(form.map(\.description).joined(separator: ", ")))}") }

        var blocks: [String] = []
        if !head.isEmpty { blocks.append(head.joined(separator: "\n")) }
        for block in song.blocks {
            switch block {
            case .chorusRecall(let label):
                blocks.append(label.map { "{chorus: \(v($0))}" } ?? "{chorus}")
            case .section(let section):
                blocks.append(write(section))
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// A value inside a directive, kept on its line (see `OneLineText`).
    static func v(_ text: String) -> String { OneLineText.safe(text) }

    static func tempoText(_ t: Tempo) -> String {
        if t.beat == .quarter && t.text == nil {
            return t.beatsPerMinute.rounded() == t.beatsPerMinute ? String(Int(t.beatsPerMinute)) : String(t.beatsPerMinute)
        }
        return ABCHeaderValues.write(t)
    }

    /// A section: its environment with the label, its lines, then its melody as an ABC block.
    static func write(_ section: Section) -> String {
        var out: [String] = []
        let env = section.attributes["environment"] ?? section.kind.environment
        if let env {
            var args: [String] = []
            let extra = section.attributes.filter { $0.key != "environment" }.sorted { $0.key < $1.key }
            if extra.isEmpty {
                if let label = section.label { args.append(v(label)) }
            } else {
                if let label = section.label { args.append("label=\"\(v(label))\"") }
                for (k, value) in extra { args.append("\(v(k))=\"\(v(value))\"") }
            }
            out.append(args.isEmpty ? "{start_of_\(env)}" : "{start_of_\(env): \(args.joined(separator: " "))}")
        }
        for line in section.lines { out.append(write(line)) }
        if let env { out.append("{end_of_\(env)}") }
        if let melody = section.melody {
            if !out.isEmpty { out.append("") }
            out.append("{start_of_abc: \(v(section.id))}")
            out.append("X:1")
            out += ABCWriter.headerLines(melody)
            let body = ABCWriter.writeVoices(melody)
            if !body.isEmpty { out.append(body) }
            out.append("{end_of_abc}")
        }
        return out.joined(separator: "\n")
    }

    /// One line of a song sheet as ChordPro text.
    public static func write(_ line: SongLine) -> String {
        switch line {
        case .blank: return ""
        case .comment(let text, let style): return "{\(style): \(v(text))}"
        case .unknownDirective(let name, let value): return value.map { "{\(v(name)): \(v($0))}" } ?? "{\(v(name))}"
        case .lyrics(let segments):
            return segments.map { seg in
                var s = ""
                if let c = seg.chord { s += "[\(c)]" } else if let a = seg.annotation { s += "[*\(OneLineText.safe(a))]" }
                return s + OneLineText.safe(seg.text)
            }.joined()
        case .grid(let row):
            var parts: [String] = []
            if let l = row.label { parts.append(OneLineText.safe(l)) }
            for cell in row.cells {
                switch cell {
                case .bar(let b): parts.append(b)
                case .chord(let c): parts.append(c.description)
                case .hold: parts.append(".")
                case .again: parts.append("/")
                case .repeatBar: parts.append("%")
                }
            }
            if let c = row.comment { parts.append(OneLineText.safe(c)) }
            return parts.joined(separator: " ")
        }
    }
}
