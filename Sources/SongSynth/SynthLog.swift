import CFluidSynth
import Logging

/// FluidSynth's messages go through Songbridge's logging (label `songbridge.fluidsynth`), never straight to stderr.
enum SynthLog {
    static let logger = Logger(label: "songbridge.fluidsynth")

    /// Routes every FluidSynth log level to `logger`. FluidSynth's log hooks are process-wide; setting them again is harmless.
    static func install(_ lib: SynthLibraries) {
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
