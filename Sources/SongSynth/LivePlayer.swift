import CFluidSynth
import Foundation

/// Live playback through the sound card (ALSA), for machines that have one. Everything else in Songbridge
/// renders offline; this is the only place an audio device is opened.
public enum LivePlayer {
    /// Whether this machine has a sound card Songbridge could open.
    public static var hasAudioDevice: Bool {
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/snd")) ?? []
        return devices.contains { $0.hasPrefix("pcm") }
    }

    /// Plays `midi` to the end and returns; throws if there is no device or FluidSynth cannot open it.
    public static func play(_ midi: [UInt8], soundFont: SoundFont) throws(SynthError) {
        guard hasAudioDevice else { throw SynthError("this machine has no audio device (no /dev/snd/pcm*)") }
        try soundFont.validate()
        let lib = try SynthLibraries.get()
        SynthLog.install(lib)
        guard let settings = lib.newSettings() else { throw SynthError("FluidSynth could not create its settings") }
        defer { lib.deleteSettings(settings) }
        guard lib.setStr(settings, "audio.driver", "alsa") == FLUID_OK else { throw SynthError("FluidSynth refused the setting audio.driver") }
        guard let synth = lib.newSynth(settings) else { throw SynthError("FluidSynth could not create a synth") }
        defer { lib.deleteSynth(synth) }
        guard lib.sfload(synth, soundFont.url.path, 1) != FLUID_FAILED else {
            throw SynthError("\(soundFont.url.path) is not a SoundFont FluidSynth can load")
        }
        guard let player = lib.newPlayer(synth) else { throw SynthError("FluidSynth could not create a MIDI player") }
        defer { lib.deletePlayer(player) }
        guard midi.withUnsafeBytes({ lib.playerAddMem(player, $0.baseAddress, $0.count) }) == FLUID_OK else {
            throw SynthError("FluidSynth could not read the MIDI data")
        }
        guard let driver = lib.newAudioDriver(settings, synth) else { throw SynthError("the sound card could not be opened (ALSA)") }
        defer { lib.deleteAudioDriver(driver) }
        _ = lib.playerPlay(player)
        _ = lib.playerJoin(player)
    }
}
