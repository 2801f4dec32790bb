import Foundation

/// Configurations for TiMidity++, the independent player the tests play our MIDI files with.
public enum TiMidityConfig {
    /// A configuration that plays General MIDI with `font`. TiMidity reads Debian's own configuration
    /// before any `-c` file, and that maps every program and drum of bank 0 to FluidR3_GM.sf2 (fluid-soundfont-gm,
    /// only a Recommends, which setup does not install): a `soundfont` line alone leaves those mappings in place and
    /// renders silence. So bank 0 and drum set 0 are mapped again here, program by program (the `%font` form of
    /// TiMidity++'s timidity.cfg(5); a drum is the SoundFont's bank 128, preset 0, at its key).
    public static func generalMIDI(font: URL) -> String {
        let path = font.path.replacingOccurrences(of: "\"", with: "")
        return (["bank 0"] + (0..<128).map { "\($0) %font \"\(path)\" 0 \($0)" }
            + ["drumset 0"] + (0..<128).map { "\($0) %font \"\(path)\" 128 0 \($0)" }).joined(separator: "\n") + "\n"
    }
}
