import CFluidSynth
import CSndFile
import Foundation

/// libfluidsynth and libsndfile, opened with dlopen the first time Songbridge renders. Linking them would load
/// about seventy libraries (SDL, PulseAudio, JACK, X11, codecs) at every start of the command, which costs
/// 20 ms before a MIDI file or a check gets written; the headers still give the types and constants.
struct SynthLibraries: Sendable {
    // FluidSynth.
    let newSettings: @convention(c) () -> OpaquePointer?
    let deleteSettings: @convention(c) (OpaquePointer?) -> Void
    let setNum: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Double) -> Int32
    let setInt: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    let setStr: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let newSynth: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let deleteSynth: @convention(c) (OpaquePointer?) -> Void
    let setReverbRoomSize: @convention(c) (OpaquePointer?, Int32, Double) -> Int32
    let setReverbLevel: @convention(c) (OpaquePointer?, Int32, Double) -> Int32
    let sfload: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    let newPlayer: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let deletePlayer: @convention(c) (OpaquePointer?) -> Void
    let playerAddMem: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    let playerPlay: @convention(c) (OpaquePointer?) -> Int32
    let playerStatus: @convention(c) (OpaquePointer?) -> Int32
    let playerTotalTicks: @convention(c) (OpaquePointer?) -> Int32
    let playerCurrentTick: @convention(c) (OpaquePointer?) -> Int32
    let playerJoin: @convention(c) (OpaquePointer?) -> Int32
    let writeFloat: @convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?, Int32, Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    let activeVoices: @convention(c) (OpaquePointer?) -> Int32
    let noteOn: @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
    let noteOff: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let controlChange: @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
    let programChange: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let pitchBend: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let channelPressure: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let keyPressure: @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
    let setLogFunction: @convention(c) (Int32, fluid_log_function_t?, UnsafeMutableRawPointer?) -> fluid_log_function_t?
    let newAudioDriver: @convention(c) (OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    let deleteAudioDriver: @convention(c) (OpaquePointer?) -> Void
    // libsndfile.
    let sfOpen: @convention(c) (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<SF_INFO>?) -> OpaquePointer?
    let sfFormatCheck: @convention(c) (UnsafePointer<SF_INFO>?) -> Int32
    let sfCommand: @convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?, Int32) -> Int32
    let sfWritefFloat: @convention(c) (OpaquePointer?, UnsafePointer<Float>?, sf_count_t) -> sf_count_t
    let sfWritefShort: @convention(c) (OpaquePointer?, UnsafePointer<Int16>?, sf_count_t) -> sf_count_t
    let sfReadfFloat: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Float>?, sf_count_t) -> sf_count_t
    let sfClose: @convention(c) (OpaquePointer?) -> Int32
    let sfStrerror: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let sfSetString: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?) -> Int32

    /// The libraries, opened once; an error says which package to install.
    static let shared: Result<SynthLibraries, SynthError> = {
        do throws(SynthError) { return .success(try SynthLibraries()) } catch { return .failure(error) }
    }()

    /// The libraries, or the reason they cannot be used.
    static func get() throws(SynthError) -> SynthLibraries { try shared.get() }

    private init() throws(SynthError) {
        guard let fluid = dlopen("libfluidsynth.so.3", RTLD_NOW | RTLD_LOCAL) else {
            throw SynthError("libfluidsynth is not installed (Debian package libfluidsynth3; make run installs it)")
        }
        guard let snd = dlopen("libsndfile.so.1", RTLD_NOW | RTLD_LOCAL) else {
            throw SynthError("libsndfile is not installed (Debian package libsndfile1; make run installs it)")
        }
        func load<T>(_ handle: UnsafeMutableRawPointer, _ name: String, _: T.Type) throws(SynthError) -> T {
            guard let symbol = dlsym(handle, name) else { throw SynthError("\(name) is missing from the installed library") }
            return unsafeBitCast(symbol, to: T.self)
        }
        newSettings = try load(fluid, "new_fluid_settings", (@convention(c) () -> OpaquePointer?).self)
        deleteSettings = try load(fluid, "delete_fluid_settings", (@convention(c) (OpaquePointer?) -> Void).self)
        setNum = try load(fluid, "fluid_settings_setnum", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Double) -> Int32).self)
        setInt = try load(fluid, "fluid_settings_setint", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32).self)
        setStr = try load(fluid, "fluid_settings_setstr", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self)
        newSynth = try load(fluid, "new_fluid_synth", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        deleteSynth = try load(fluid, "delete_fluid_synth", (@convention(c) (OpaquePointer?) -> Void).self)
        setReverbRoomSize = try load(fluid, "fluid_synth_set_reverb_group_roomsize", (@convention(c) (OpaquePointer?, Int32, Double) -> Int32).self)
        setReverbLevel = try load(fluid, "fluid_synth_set_reverb_group_level", (@convention(c) (OpaquePointer?, Int32, Double) -> Int32).self)
        sfload = try load(fluid, "fluid_synth_sfload", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32).self)
        newPlayer = try load(fluid, "new_fluid_player", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        deletePlayer = try load(fluid, "delete_fluid_player", (@convention(c) (OpaquePointer?) -> Void).self)
        playerAddMem = try load(fluid, "fluid_player_add_mem", (@convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32).self)
        playerPlay = try load(fluid, "fluid_player_play", (@convention(c) (OpaquePointer?) -> Int32).self)
        playerStatus = try load(fluid, "fluid_player_get_status", (@convention(c) (OpaquePointer?) -> Int32).self)
        playerTotalTicks = try load(fluid, "fluid_player_get_total_ticks", (@convention(c) (OpaquePointer?) -> Int32).self)
        playerCurrentTick = try load(fluid, "fluid_player_get_current_tick", (@convention(c) (OpaquePointer?) -> Int32).self)
        playerJoin = try load(fluid, "fluid_player_join", (@convention(c) (OpaquePointer?) -> Int32).self)
        writeFloat = try load(fluid, "fluid_synth_write_float", (@convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?, Int32, Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32).self)
        activeVoices = try load(fluid, "fluid_synth_get_active_voice_count", (@convention(c) (OpaquePointer?) -> Int32).self)
        noteOn = try load(fluid, "fluid_synth_noteon", (@convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32).self)
        noteOff = try load(fluid, "fluid_synth_noteoff", (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self)
        controlChange = try load(fluid, "fluid_synth_cc", (@convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32).self)
        programChange = try load(fluid, "fluid_synth_program_change", (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self)
        pitchBend = try load(fluid, "fluid_synth_pitch_bend", (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self)
        channelPressure = try load(fluid, "fluid_synth_channel_pressure", (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self)
        keyPressure = try load(fluid, "fluid_synth_key_pressure", (@convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32).self)
        setLogFunction = try load(fluid, "fluid_set_log_function", (@convention(c) (Int32, fluid_log_function_t?, UnsafeMutableRawPointer?) -> fluid_log_function_t?).self)
        newAudioDriver = try load(fluid, "new_fluid_audio_driver", (@convention(c) (OpaquePointer?, OpaquePointer?) -> OpaquePointer?).self)
        deleteAudioDriver = try load(fluid, "delete_fluid_audio_driver", (@convention(c) (OpaquePointer?) -> Void).self)
        sfOpen = try load(snd, "sf_open", (@convention(c) (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<SF_INFO>?) -> OpaquePointer?).self)
        sfFormatCheck = try load(snd, "sf_format_check", (@convention(c) (UnsafePointer<SF_INFO>?) -> Int32).self)
        sfCommand = try load(snd, "sf_command", (@convention(c) (OpaquePointer?, Int32, UnsafeMutableRawPointer?, Int32) -> Int32).self)
        sfWritefFloat = try load(snd, "sf_writef_float", (@convention(c) (OpaquePointer?, UnsafePointer<Float>?, sf_count_t) -> sf_count_t).self)
        sfWritefShort = try load(snd, "sf_writef_short", (@convention(c) (OpaquePointer?, UnsafePointer<Int16>?, sf_count_t) -> sf_count_t).self)
        sfReadfFloat = try load(snd, "sf_readf_float", (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Float>?, sf_count_t) -> sf_count_t).self)
        sfClose = try load(snd, "sf_close", (@convention(c) (OpaquePointer?) -> Int32).self)
        sfStrerror = try load(snd, "sf_strerror", (@convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?).self)
        sfSetString = try load(snd, "sf_set_string", (@convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?) -> Int32).self)
        // FluidSynth fills its global tables (unit conversions, the default modulators) when the first synth is
        // made, and a synth made at that moment on another thread does not wait for them: new_fluid_synth marks
        // the tables made with a compare-and-swap, then makes them. Two synths started together (a render split in
        // two) then sometimes sounded a part wrongly: about one process in ten wrote a draft whose second half was
        // a quarter as loud. So one synth is made and freed here, once, before any render can start.
        if let settings = newSettings() {
            if let synth = newSynth(settings) { deleteSynth(synth) }
            deleteSettings(settings)
        }
    }
}
