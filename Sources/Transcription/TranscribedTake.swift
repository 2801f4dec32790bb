import SongCore
import SongText

/// A take written down in a song's terms: its notes placed at a tempo, in a meter and key (the song's, or
/// estimated), and the tune they make, as a melody and as ABC. The melody is always made from the placed notes,
/// so the notes a page shows (and a facilitator may nudge) and the tune saved from them are the same.
public struct TranscribedTake: Sendable {
    public var tempo: Tempo
    public var meter: Meter
    public var key: Key
    /// Beats before the first bar line.
    public var upbeat: Int
    public var notes: [PlacedNote]
    public var melody: Melody
    /// A whole ABC tune, titled `title`.
    public var abc: String

    /// The take's notes placed in `time` (its tempo, meter and key, each estimated where not known); nil when it has
    /// no notes.
    public init?(_ transcription: Transcription, time: TuneTime = TuneTime(), upbeat: Int? = nil, title: String) {
        guard let first = transcription.notes.first else { return nil }
        let tempo = time.tempo ?? transcription.estimatedTempo()
        let meter = time.meter ?? transcription.estimatedMeter(tempo: tempo)
        let upbeat = upbeat ?? transcription.pickupBeats(tempo: tempo, meter: meter)
        let quarter = 60 / tempo.quarterNotesPerMinute
        // The tune starts with its first note (on the upbeat's first beat when it has one).
        let origin = first.onset
        // On a grid of twelfths of a quarter, which holds both sixteenths and triplet sixteenths: the melody's own
        // quantiser then chooses between them as it does for any MIDI file.
        func twelfths(_ seconds: Double) -> Double { (seconds / quarter * 12).rounded() / 12 }
        var placed = transcription.notes.map { n in
            PlacedNote(pitch: n.midiNote, start: twelfths(n.onset - origin), length: max(1.0 / 6, twelfths(n.offset - n.onset)), confidence: n.confidence)
        }
        // A breath or a consonant between two notes is not a rest, nor a key let go a little early: a gap of up to
        // a sixteenth is the note's own.
        for i in placed.indices.dropLast() {
            let gap = placed[i + 1].start - (placed[i].start + placed[i].length)
            if gap > 0, gap <= 0.25 + 1e-9 { placed[i].length += gap }
        }
        self.init(placed: placed, tempo: tempo, meter: meter, key: time.key ?? transcription.estimatedKey(), upbeat: upbeat, title: title)
    }

    /// A tune from placed notes (a page's, after a facilitator's changes, or played on a keyboard); nil when there
    /// are none. Notes are taken in order of start; one that starts before the last has ended cuts it short (a tune
    /// is one line). Without a key, the notes' own is estimated.
    public init?(placed: [PlacedNote], tempo: Tempo, meter: Meter, key: Key?, upbeat: Int, title: String) {
        let sorted = placed.filter { $0.length > 0 && $0.start >= 0 }.sorted { $0.start < $1.start }
        guard !sorted.isEmpty else { return nil }
        let quarter = 60 / tempo.quarterNotesPerMinute
        var heard: [TranscribedNote] = []
        for (i, n) in sorted.enumerated() {
            var end = n.start + n.length
            if i + 1 < sorted.count { end = min(end, sorted[i + 1].start) }
            guard end > n.start else { continue }
            heard.append(TranscribedNote(onset: n.start * quarter, offset: end * quarter, midiNote: n.pitch, cents: Double(n.pitch) * 100, confidence: n.confidence))
        }
        guard !heard.isEmpty else { return nil }
        let tune = Transcription(notes: heard, tuningCents: 0, seconds: heard.last!.offset)
        let key = key ?? tune.estimatedKey()
        guard let melody = tune.melody(tempo: tempo, meter: meter, key: key, upbeat: upbeat) else { return nil }
        self.tempo = tempo
        self.meter = meter
        self.key = key
        self.upbeat = upbeat
        self.notes = sorted
        self.melody = melody
        abc = ABCWriter.write(ABCTune(reference: 1, fields: [ABCField("T", OneLineText.safe(title))], melody: melody))
    }
}
