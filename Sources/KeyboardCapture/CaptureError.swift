/// Why a keyboard could not be heard: one line, and whether it is the machine's lack (no sequencer, no keyboard:
/// the CLI's exit 69) rather than something asked wrongly.
public struct CaptureError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var unavailable: Bool
    public init(_ message: String, unavailable: Bool = false) {
        self.message = message
        self.unavailable = unavailable
    }
    public var description: String { message }
}
