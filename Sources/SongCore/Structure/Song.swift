/// A song as the tour keeps it: metadata, sections in sheet order, the form they are performed in,
/// melodies with aligned words, and who wrote what.
public struct Song: Sendable, Hashable, Codable {
    /// Title, key, meter, tempo and the rest.
    public var metadata: SongMetadata
    /// Sections and chorus recalls in the order of the sheet.
    public var blocks: [SongBlock]
    /// An explicit performance order, when the sheet gives one; otherwise the sheet order is the form.
    public var explicitForm: [FormItem]?
    /// The tour stop, the contributors and their credits.
    public var provenance: Provenance

    /// A song.
    public init(metadata: SongMetadata = SongMetadata(), blocks: [SongBlock] = [], explicitForm: [FormItem]? = nil, provenance: Provenance = Provenance()) {
        self.metadata = metadata
        self.blocks = blocks
        self.explicitForm = explicitForm
        self.provenance = provenance
    }

    /// The sections, in sheet order.
    public var sections: [Section] {
        blocks.compactMap { if case .section(let s) = $0 { s } else { nil } }
    }

    /// The section with label (or default name) `id`.
    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// The form: the explicit one, or the sheet order with chorus recalls resolved to the chorus they name
    /// (or the most recent chorus), and runs of the same section counted.
    public var form: [FormItem] {
        if let explicitForm { return explicitForm }
        var items: [FormItem] = []
        var lastChorus: String?
        for block in blocks {
            let id: String
            switch block {
            case .section(let s):
                // Lines with nothing to sing (a comment, a layout directive) are not a step of the form.
                if s.kind == .untitled && s.lyricLines.isEmpty && s.melody == nil && s.chords.isEmpty { continue }
                if s.kind == .chorus { lastChorus = s.id }
                id = s.id
            case .chorusRecall(let label):
                guard let target = label ?? lastChorus ?? sections.first(where: { $0.kind == .chorus })?.id else { continue }
                id = target
            }
            if let last = items.last, last.section == id {
                items[items.count - 1].times += 1
            } else {
                items.append(FormItem(section: id))
            }
        }
        return items
    }
}
