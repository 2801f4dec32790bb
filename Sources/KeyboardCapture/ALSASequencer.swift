import CALSA
import Foundation
import Transcription
#if canImport(Glibc)
import Glibc
#endif

/// A MIDI keyboard heard through the ALSA sequencer (libasound2, opened with dlopen when first used, as the synth
/// libraries are). One sequencer client, one input port, subscribed to the keyboard's port; each note, release and
/// pedal change is kept with the time it arrived. Not Sendable: one capture, on the thread that made it.
public final class ALSASequencer {
    /// A port a keyboard (or another program) plays from.
    public struct Port: Sendable, Hashable, CustomStringConvertible {
        public var client: Int
        public var port: Int
        public var clientName: String
        public var portName: String
        /// `client:port`, as `aconnect -l` and `--port` write it.
        public var address: String { "\(client):\(port)" }
        public var description: String { "\(address)  \(clientName): \(portName)" }
    }

    private let library: ALSALibrary
    private let handle: OpaquePointer
    private let inputPort: Int32

    /// Where the sequencer lives; without it (no sound hardware, or a container), no keyboard can be heard.
    public static let device = "/dev/snd/seq"

    /// Opens the sequencer for input as the client "Songbridge".
    public init() throws(CaptureError) {
        guard FileManager.default.fileExists(atPath: Self.device) else {
            throw CaptureError("no MIDI here: \(Self.device) is missing (no sound devices on this machine), so no keyboard can be heard", unavailable: true)
        }
        library = try ALSALibrary.get()
        var seq: OpaquePointer?
        let opened = library.open(&seq, "default", Int32(SND_SEQ_OPEN_INPUT), Int32(SND_SEQ_NONBLOCK))
        guard opened >= 0, let seq else { throw CaptureError("cannot open the ALSA sequencer: \(library.message(opened))", unavailable: true) }
        handle = seq
        _ = library.setClientName(seq, "Songbridge")
        let port = library.createSimplePort(seq, "Songbridge capture", UInt32(SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE),
                                            UInt32(SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION))
        guard port >= 0 else {
            _ = library.close(seq)
            throw CaptureError("cannot make an ALSA sequencer port: \(library.message(port))", unavailable: true)
        }
        inputPort = port
    }

    deinit { _ = library.close(handle) }

    /// The ports that can be read from (keyboards first seen as ALSA lists them), leaving out the sequencer's own
    /// System client (0) and this program.
    public func ports() -> [Port] {
        var client: OpaquePointer?, port: OpaquePointer?
        guard library.clientInfoMalloc(&client) >= 0, library.portInfoMalloc(&port) >= 0, let client, let port else { return [] }
        defer { library.clientInfoFree(client); library.portInfoFree(port) }
        var found: [Port] = []
        library.clientInfoSetClient(client, -1)
        while library.queryNextClient(handle, client) >= 0 {
            let id = library.clientInfoGetClient(client)
            let clientName = library.clientInfoGetName(client).map { String(cString: $0) } ?? ""
            guard id != 0, clientName != "Songbridge" else { continue }
            library.portInfoSetClient(port, id)
            library.portInfoSetPort(port, -1)
            while library.queryNextPort(handle, port) >= 0 {
                let wanted = UInt32(SND_SEQ_PORT_CAP_READ | SND_SEQ_PORT_CAP_SUBS_READ)
                guard library.portInfoGetCapability(port) & wanted == wanted else { continue }
                found.append(Port(client: Int(id), port: Int(library.portInfoGetPort(port)), clientName: clientName,
                                  portName: library.portInfoGetName(port).map { String(cString: $0) } ?? ""))
            }
        }
        return found
    }

    /// The port `asked` names (`client:port`, or words in its name), or the first keyboard when none is asked for
    /// (Midi Through, which only passes on what programs send, is passed over).
    public func port(_ asked: String?) throws(CaptureError) -> Port {
        let all = ports()
        if let asked {
            if let port = all.first(where: { $0.address == asked || $0.description.localizedCaseInsensitiveContains(asked) }) { return port }
            throw CaptureError("no MIDI port \(asked): songbridge capture --list shows them")
        }
        guard let first = all.first(where: { !$0.clientName.localizedCaseInsensitiveContains("Midi Through") }) else {
            throw CaptureError("no MIDI keyboard is connected (songbridge capture --list shows the ports)", unavailable: true)
        }
        return first
    }

    /// Listens to `port` until `stop` says so (asked every 50 ms with the take so far and the seconds since the
    /// start), and returns what was played, timed from the start.
    public func record(from port: Port, stop: (KeyboardTake, Double) -> Bool) throws(CaptureError) -> KeyboardTake {
        let connected = library.connectFrom(handle, inputPort, Int32(port.client), Int32(port.port))
        guard connected >= 0 else { throw CaptureError("cannot listen to \(port.address): \(library.message(connected))") }
        let start = Self.now()
        var take = KeyboardTake()
        let count = library.pollCount(handle, Int16(POLLIN))
        var fds = [pollfd](repeating: pollfd(), count: Int(max(count, 0)))
        _ = library.pollDescriptors(handle, &fds, UInt32(fds.count), Int16(POLLIN))
        while !stop(take, Self.now() - start) {
            _ = poll(&fds, nfds_t(fds.count), 50)
            var event: UnsafeMutablePointer<snd_seq_event_t>?
            while library.eventInput(handle, &event) >= 0, let e = event {
                let at = Self.now() - start
                switch Int(e.pointee.type) {
                case Int(SND_SEQ_EVENT_NOTEON.rawValue):
                    let note = e.pointee.data.note
                    take.add(note.velocity > 0 ? .noteOn(key: Int(note.note), velocity: Int(note.velocity)) : .noteOff(key: Int(note.note)), at: at)
                case Int(SND_SEQ_EVENT_NOTEOFF.rawValue):
                    take.add(.noteOff(key: Int(e.pointee.data.note.note)), at: at)
                case Int(SND_SEQ_EVENT_CONTROLLER.rawValue) where e.pointee.data.control.param == 64:
                    take.add(.sustain(e.pointee.data.control.value >= 64), at: at)
                default:
                    break
                }
                event = nil
            }
        }
        return take
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
