import CFluidSynth
import Logging
import Synchronization

/// FluidSynth's messages go through Songbridge's logging (label `songbridge.fluidsynth`), never straight to stderr.
enum SynthLog {
    static let logger = Logger(label: "songbridge.fluidsynth")

    /// Whether the hooks are in place: they are process-wide, so they are set once, by the first synth made.
    private static let installed = Atomic<Bool>(false)

    /// Routes every FluidSynth log level to `logger`, the first time it is called.
    static func install(_ lib: SynthLibraries) {
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let handler: fluid_log_function_t = { level, message, _ in
            let text = message.map { String(cString: $0) } ?? ""
            switch UInt32(level) {
            case FLUID_PANIC.rawValue: SynthLog.logger.critical("\(text)")
            case FLUID_ERR.rawValue: SynthLog.logger.error("\(text)")
            case FLUID_WARN.rawValue: SynthLog.logger.warning("\(text)")
            case FLUID_INFO.rawValue: SynthLog.logger.info("\(text)")
            default: SynthLog.logger.debug("\(text)")
            }
        }
        for level in [FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG] {
            _ = lib.setLogFunction(Int32(level.rawValue), handler, nil)
        }
    }
}
