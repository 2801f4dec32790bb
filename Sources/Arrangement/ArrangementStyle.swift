import SongCore

/// A style turns the chords of a song into accompaniment tracks. Styles plug in by name through `StyleLibrary`.
public protocol ArrangementStyle: Sendable {
    /// The name used on the command line.
    var name: String { get }
    /// One line about it.
    var summary: String { get }
    /// The General MIDI program of the lead instrument that plays the melody.
    var leadProgram: Int { get }
    /// The accompaniment for `chords` (in time order, covering the song).
    func accompaniment(for chords: [ChordSpan]) -> [PerformanceTrack]
}

/// The styles Songbridge knows, by name.
public enum StyleLibrary {
    /// Every built-in style.
    public static let all: [any ArrangementStyle] = [MelodyOnlyStyle(), BasicStyle()]

    /// The style called `name`, if there is one.
    public static func style(named name: String) -> (any ArrangementStyle)? {
        all.first { $0.name == name.lowercased() }
    }
}
