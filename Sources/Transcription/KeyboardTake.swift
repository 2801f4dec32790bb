/// A take played on a MIDI keyboard: its events with the times they came, as the ALSA sequencer (or Web MIDI)
/// gives them. The notes are each key from its press to its release, or to the sustain pedal's lift when it was
/// released under the pedal; a key struck again while it sounds ends its note there. They are written down by the
/// same rules as a sung take (`TranscribedTake`), so a played tune is quantised as a sung one is.
public struct KeyboardTake: Sendable {
    public enum Event: Sendable, Hashable {
        case noteOn(key: Int, velocity: Int)
        case noteOff(key: Int)
        /// The sustain pedal (controller 64) down or up.
        case sustain(Bool)
    }

    public private(set) var events: [(seconds: Double, event: Event)] = []

    /// The most events a take keeps: far more than ten minutes of playing (a runaway controller stops adding).
    public static let mostEvents = 100_000

    public init() {}

    /// Adds an event; events come in time order (one that comes earlier than the last is taken as at the last).
    public mutating func add(_ event: Event, at seconds: Double) {
        guard events.count < Self.mostEvents, seconds.isFinite else { return }
        events.append((max(seconds, events.last?.seconds ?? seconds), event))
    }

    /// Adds a MIDI channel message (note on, note off, controller 64; others are passed over).
    public mutating func add(midi bytes: [UInt8], at seconds: Double) {
        guard bytes.count >= 3 else { return }
        let key = Int(bytes[1] & 0x7f), value = Int(bytes[2] & 0x7f)
        switch bytes[0] & 0xf0 {
        case 0x90: add(value > 0 ? .noteOn(key: key, velocity: value) : .noteOff(key: key), at: seconds)
        case 0x80: add(.noteOff(key: key), at: seconds)
        case 0xb0 where key == 64: add(.sustain(value >= 64), at: seconds)
        default: break
        }
    }

    /// Whether a note was played and the keyboard has been quiet since `silence` seconds before `now`: no key
    /// held, the pedal up, nothing new.
    public func isFinished(at now: Double, silence: Double = 4) -> Bool {
        guard let last = events.last, now - last.seconds >= silence else { return false }
        let played = played(until: now)
        return !played.notes.isEmpty && played.sounding == 0
    }

    /// The notes played, each as (key, press, release), in order of press; a note still held at `end` ends there.
    public func notes(until end: Double? = nil) -> [(key: Int, on: Double, off: Double)] { played(until: end).notes }

    /// The notes, and how many keys were still sounding (held, or let go under the pedal) when the events ran out.
    func played(until end: Double?) -> (notes: [(key: Int, on: Double, off: Double)], sounding: Int) {
        var held: [Int: Double] = [:], pedalled: Set<Int> = [], pedal = false
        var out: [(key: Int, on: Double, off: Double)] = []
        func release(_ key: Int, _ at: Double) {
            guard let on = held.removeValue(forKey: key) else { return }
            out.append((key, on, max(at, on)))
        }
        for (at, event) in events {
            switch event {
            case .noteOn(let key, _):
                release(key, at)
                pedalled.remove(key)
                held[key] = at
            case .noteOff(let key):
                if pedal { pedalled.insert(key) } else { release(key, at) }
            case .sustain(let down):
                pedal = down
                if !down {
                    for key in pedalled { release(key, at) }
                    pedalled.removeAll()
                }
            }
        }
        // Keys let go under the pedal are still held here, until the pedal lifts.
        let sounding = held.count
        let last = end ?? events.last?.seconds ?? 0
        for key in held.keys.sorted() { release(key, last) }
        return (out.sorted { ($0.on, $0.key) < ($1.on, $1.key) }, sounding)
    }

    /// The notes as a transcription (every note certain: a key is a key), for `TranscribedTake` to write down.
    /// A tune is one line: where keys overlap (legato, or a chord), the higher key is the tune's.
    public var transcription: Transcription {
        var line: [(key: Int, on: Double, off: Double)] = []
        for n in notes() {
            // Struck within 30 ms of the last: a chord, of which the tune keeps the top.
            if let last = line.last, n.on - last.on < 0.03 {
                if n.key > last.key { line[line.count - 1] = n }
                continue
            }
            line.append(n)
        }
        let notes = line.map { TranscribedNote(onset: $0.on, offset: $0.off, midiNote: $0.key, cents: Double($0.key) * 100, confidence: 1) }
        let start = notes.first?.onset ?? 0
        return Transcription(notes: notes, tuningCents: 0, seconds: (notes.map(\.offset).max() ?? start) - start)
    }
}
