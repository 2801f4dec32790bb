import SongCore

/// The tune's notes in time order, asked which are sounding over a stretch of time (binary search on onsets).
public struct SungLine: Sendable {
    let notes: [PerformanceNote]
    /// The longest note, bounding how far back a note that is still sounding can have started.
    private let longest: NoteLength

    /// The tune from its notes (in any order).
    public init(_ notes: [PerformanceNote]) {
        self.notes = notes.sorted { $0.onset < $1.onset }
        longest = notes.map(\.duration).max() ?? .zero
    }

    /// The keys of the notes sounding at any moment in `start..<end`.
    public func keys(from start: NoteLength, to end: NoteLength) -> [Int] {
        // The first note that starts at or after `end` bounds the search; notes before it that end after `start` sound.
        var lo = 0, hi = notes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if notes[mid].onset < end { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        var i = lo - 1
        while i >= 0, notes[i].onset + longest > start {
            if notes[i].onset + notes[i].duration > start { out.append(notes[i].key) }
            i -= 1
        }
        return out
    }

    /// The key sounding at `time`, if one is (the highest, where a tune has chords).
    public func key(at time: NoteLength) -> Int? {
        keys(from: time, to: time + NoteLength(1, 256)).max()
    }
}
