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
        SynthLog.install()
        guard let settings = new_fluid_settings() else { throw SynthError("FluidSynth could not create its settings") }
        defer { delete_fluid_settings(settings) }
        _ = fluid_settings_setstr(settings, "audio.driver", "alsa")
        guard let synth = new_fluid_synth(settings) else { throw SynthError("FluidSynth could not create a synth") }
        defer { delete_fluid_synth(synth) }
        guard fluid_synth_sfload(synth, soundFont.url.path, 1) != FLUID_FAILED else {
            throw SynthError("\(soundFont.url.path) is not a SoundFont FluidSynth can load")
        }
        guard let player = new_fluid_player(synth) else { throw SynthError("FluidSynth could not create a MIDI player") }
        defer { delete_fluid_player(player) }
        guard midi.withUnsafeBytes({ fluid_player_add_mem(player, $0.baseAddress, $0.count) }) == FLUID_OK else {
            throw SynthError("FluidSynth could not read the MIDI data")
        }
        guard let driver = new_fluid_audio_driver(settings, synth) else { throw SynthError("the sound card could not be opened (ALSA)") }
        defer { delete_fluid_audio_driver(driver) }
        _ = fluid_player_play(player)
        _ = fluid_player_join(player)
    }
}
