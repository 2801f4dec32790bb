import CALSA
import Foundation

/// libasound2's sequencer functions, opened with dlopen the first time a keyboard is listened to (linking it would
/// load it at every start of the command); the headers give the types and constants.
struct ALSALibrary: Sendable {
    let open: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?, Int32, Int32) -> Int32
    let close: @convention(c) (OpaquePointer?) -> Int32
    let setClientName: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let createSimplePort: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UInt32, UInt32) -> Int32
    let connectFrom: @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
    let eventInput: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<snd_seq_event_t>?>?) -> Int32
    let pollCount: @convention(c) (OpaquePointer?, Int16) -> Int32
    let pollDescriptors: @convention(c) (OpaquePointer?, UnsafeMutablePointer<pollfd>?, UInt32, Int16) -> Int32
    let clientInfoMalloc: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    let clientInfoFree: @convention(c) (OpaquePointer?) -> Void
    let clientInfoSetClient: @convention(c) (OpaquePointer?, Int32) -> Void
    let clientInfoGetClient: @convention(c) (OpaquePointer?) -> Int32
    let clientInfoGetName: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let queryNextClient: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    let portInfoMalloc: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    let portInfoFree: @convention(c) (OpaquePointer?) -> Void
    let portInfoSetClient: @convention(c) (OpaquePointer?, Int32) -> Void
    let portInfoSetPort: @convention(c) (OpaquePointer?, Int32) -> Void
    let portInfoGetPort: @convention(c) (OpaquePointer?) -> Int32
    let portInfoGetCapability: @convention(c) (OpaquePointer?) -> UInt32
    let portInfoGetName: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let queryNextPort: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    let strerror: @convention(c) (Int32) -> UnsafePointer<CChar>?

    static let shared: Result<ALSALibrary, CaptureError> = {
        do throws(CaptureError) { return .success(try ALSALibrary()) } catch { return .failure(error) }
    }()

    static func get() throws(CaptureError) -> ALSALibrary { try shared.get() }

    /// ALSA's words for a negative return code.
    func message(_ code: Int32) -> String { strerror(code).map { String(cString: $0) } ?? "error \(code)" }

    private init() throws(CaptureError) {
        guard let lib = dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL) else {
            throw CaptureError("libasound is not installed (Debian package libasound2; make run installs it)", unavailable: true)
        }
        func load<T>(_ name: String, _: T.Type) throws(CaptureError) -> T {
            guard let symbol = dlsym(lib, name) else { throw CaptureError("\(name) is missing from the installed libasound", unavailable: true) }
            return unsafeBitCast(symbol, to: T.self)
        }
        open = try load("snd_seq_open", (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?, Int32, Int32) -> Int32).self)
        close = try load("snd_seq_close", (@convention(c) (OpaquePointer?) -> Int32).self)
        setClientName = try load("snd_seq_set_client_name", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32).self)
        createSimplePort = try load("snd_seq_create_simple_port", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UInt32, UInt32) -> Int32).self)
        connectFrom = try load("snd_seq_connect_from", (@convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32).self)
        eventInput = try load("snd_seq_event_input", (@convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<snd_seq_event_t>?>?) -> Int32).self)
        pollCount = try load("snd_seq_poll_descriptors_count", (@convention(c) (OpaquePointer?, Int16) -> Int32).self)
        pollDescriptors = try load("snd_seq_poll_descriptors", (@convention(c) (OpaquePointer?, UnsafeMutablePointer<pollfd>?, UInt32, Int16) -> Int32).self)
        clientInfoMalloc = try load("snd_seq_client_info_malloc", (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32).self)
        clientInfoFree = try load("snd_seq_client_info_free", (@convention(c) (OpaquePointer?) -> Void).self)
        clientInfoSetClient = try load("snd_seq_client_info_set_client", (@convention(c) (OpaquePointer?, Int32) -> Void).self)
        clientInfoGetClient = try load("snd_seq_client_info_get_client", (@convention(c) (OpaquePointer?) -> Int32).self)
        clientInfoGetName = try load("snd_seq_client_info_get_name", (@convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?).self)
        queryNextClient = try load("snd_seq_query_next_client", (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self)
        portInfoMalloc = try load("snd_seq_port_info_malloc", (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Int32).self)
        portInfoFree = try load("snd_seq_port_info_free", (@convention(c) (OpaquePointer?) -> Void).self)
        portInfoSetClient = try load("snd_seq_port_info_set_client", (@convention(c) (OpaquePointer?, Int32) -> Void).self)
        portInfoSetPort = try load("snd_seq_port_info_set_port", (@convention(c) (OpaquePointer?, Int32) -> Void).self)
        portInfoGetPort = try load("snd_seq_port_info_get_port", (@convention(c) (OpaquePointer?) -> Int32).self)
        portInfoGetCapability = try load("snd_seq_port_info_get_capability", (@convention(c) (OpaquePointer?) -> UInt32).self)
        portInfoGetName = try load("snd_seq_port_info_get_name", (@convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?).self)
        queryNextPort = try load("snd_seq_query_next_port", (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self)
        strerror = try load("snd_strerror", (@convention(c) (Int32) -> UnsafePointer<CChar>?).self)
    }
}
