import ArgumentParser
import Arrangement
import Lyrics
import SongCore
import SongSynth

// The domain's closed sets as ArgumentParser values: it parses them, refuses any other value with the list of
// those allowed, and shows them in help and completions, so no command spells its own check.

extension Generation: ExpressibleByArgument {}
extension Consent: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension RenderOptions.Splitting: ExpressibleByArgument {}
extension EndingKind: ExpressibleByArgument {}

/// Nations and venues are often typed with capitals ("Wales"); either case is taken.
extension TourStop.Nation: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension TourStop.Venue: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
