import Foundation

/// The note-ons of a Standard MIDI File, read just far enough to compare another program's reading of a tune with ours.
/// (Format per the MIDI 1.0 Standard MIDI Files spec: MThd, MTrk chunks, variable-length deltas, running status.)
public struct MIDINoteList: Sendable {
    /// One note-on.
    public struct NoteOn: Sendable, Hashable {
        /// Absolute time in ticks.
        public var tick: Int
        /// MIDI note number.
        public var note: Int
        /// Channel 0–15.
        public var channel: Int
    }

    /// Ticks per quarter note.
    public var division: Int
    /// Every note-on with non-zero velocity, in time order.
    public var notes: [NoteOn]

    /// Why a file could not be read.
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads note-ons from SMF bytes.
    public init(data: Data) throws {
        let b = [UInt8](data)
        var i = 0
        func u32() throws -> Int {
            guard i + 4 <= b.count else { throw FormatError(description: "truncated") }
            defer { i += 4 }
            return Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
        }
        func u16() throws -> Int {
            guard i + 2 <= b.count else { throw FormatError(description: "truncated") }
            defer { i += 2 }
            return Int(b[i]) << 8 | Int(b[i + 1])
        }
        guard b.count >= 14, Array(b[0..<4]) == Array("MThd".utf8) else { throw FormatError(description: "not a MIDI file") }
        i = 4
        let headerLength = try u32()
        _ = try u16()  // format
        let tracks = try u16()
        division = try u16()
        i = 8 + headerLength
        var notes: [NoteOn] = []
        for _ in 0..<tracks {
            guard i + 8 <= b.count, Array(b[i..<i + 4]) == Array("MTrk".utf8) else { break }
            i += 4
            let length = try u32()
            let end = min(i + length, b.count)
            var tick = 0
            var status: UInt8 = 0
            while i < end {
                var delta = 0
                repeat {
                    guard i < end else { break }
                    delta = delta << 7 | Int(b[i] & 0x7F)
                    i += 1
                } while b[i - 1] & 0x80 != 0
                tick += delta
                guard i < end else { break }
                var byte = b[i]
                if byte & 0x80 != 0 { status = byte; i += 1 } else { byte = status }
                switch status {
                case 0xFF:
                    i += 1  // type
                    var len = 0
                    repeat { len = len << 7 | Int(b[i] & 0x7F); i += 1 } while b[i - 1] & 0x80 != 0
                    i += len
                case 0xF0, 0xF7:
                    var len = 0
                    repeat { len = len << 7 | Int(b[i] & 0x7F); i += 1 } while b[i - 1] & 0x80 != 0
                    i += len
                default:
                    let kind = status & 0xF0
                    let dataBytes = (kind == 0xC0 || kind == 0xD0) ? 1 : 2
                    if kind == 0x90, i + 1 < end, b[i + 1] > 0 {
                        notes.append(NoteOn(tick: tick, note: Int(b[i]), channel: Int(status & 0x0F)))
                    }
                    i += dataBytes
                }
            }
            i = end
        }
        self.notes = notes.sorted { ($0.tick, $0.note) < ($1.tick, $1.note) }
    }
}
