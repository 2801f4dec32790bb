/// Why a MIDI file could not be read, and where.
public struct MIDIReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset in the file.
    public var offset: Int
    /// What is wrong.
    public var message: String
    public var description: String { "byte \(offset): \(message)" }
}

extension MIDIFile {
    /// Reads a Standard MIDI File (formats 0, 1 and 2): running status, SysEx, every meta event.
    /// A truncated last track is read as far as it goes; garbage is refused with the offset of the problem.
    public init(bytes: [UInt8]) throws(MIDIReadError) {
        var i = 0
        func fail(_ message: String) -> MIDIReadError { MIDIReadError(offset: i, message: message) }
        func u32() throws(MIDIReadError) -> Int {
            guard i + 4 <= bytes.count else { throw fail("file ends inside a chunk header") }
            defer { i += 4 }
            return Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
        }
        func u16() throws(MIDIReadError) -> Int {
            guard i + 2 <= bytes.count else { throw fail("file ends inside the header") }
            defer { i += 2 }
            return Int(bytes[i]) << 8 | Int(bytes[i + 1])
        }
        guard bytes.count >= 14, Array(bytes[0..<4]) == Array("MThd".utf8) else {
            throw MIDIReadError(offset: 0, message: "not a Standard MIDI File (no MThd header)")
        }
        i = 4
        let headerLength = try u32()
        guard headerLength >= 6 else { throw fail("header chunk is too short") }
        let format = try u16()
        let trackCount = try u16()
        let division = try u16()
        guard format <= 2 else { throw MIDIReadError(offset: 8, message: "unknown format \(format)") }
        guard division & 0x8000 == 0 else {
            throw MIDIReadError(offset: 12, message: "SMPTE time division is not supported; expected ticks per quarter note")
        }
        guard division > 0 else { throw MIDIReadError(offset: 12, message: "a time division of 0 ticks per quarter note; expected 1 or more") }
        i = 8 + headerLength
        var tracks: [[MIDIEvent]] = []
        while tracks.count < trackCount && i + 8 <= bytes.count {
            let chunkType = Array(bytes[i..<i + 4])
            i += 4
            let length = try u32()
            let end = min(i + length, bytes.count)
            guard chunkType == Array("MTrk".utf8) else { i = end; continue }  // unknown chunks are skipped, as the spec says
            tracks.append(try MIDIFile.readTrack(bytes, from: i, to: end))
            i = end
        }
        guard !tracks.isEmpty || trackCount == 0 else { throw MIDIReadError(offset: i, message: "no track chunk") }
        self.init(format: format, ticksPerQuarter: division, tracks: tracks)
    }

    static func readTrack(_ b: [UInt8], from start: Int, to end: Int) throws(MIDIReadError) -> [MIDIEvent] {
        var i = start
        var tick = 0
        var running: UInt8 = 0
        var events: [MIDIEvent] = []
        func varLen() throws(MIDIReadError) -> Int {
            var v = 0
            for _ in 0..<4 {
                guard i < end else { throw MIDIReadError(offset: i, message: "track ends inside a number") }
                let byte = b[i]
                i += 1
                v = v << 7 | Int(byte & 0x7F)
                if byte & 0x80 == 0 { return v }
            }
            throw MIDIReadError(offset: i, message: "variable-length number longer than four bytes")
        }
        while i < end {
            tick += try varLen()
            guard i < end else { break }
            var status = b[i]
            if status & 0x80 != 0 {
                i += 1
            } else {
                guard running != 0 else { throw MIDIReadError(offset: i, message: "data byte without a status (running status not set)") }
                status = running
            }
            switch status {
            case 0xFF:
                guard i < end else { return events }
                let type = b[i]
                i += 1
                let length = try varLen()
                guard i + length <= end else { return events }  // truncated: keep what was read
                events.append(MIDIEvent(tick: tick, .meta(type: type, data: Array(b[i..<i + length]))))
                i += length
                running = 0
                if type == MIDIEvent.MetaType.endOfTrack { return events }
            case 0xF0, 0xF7:
                let length = try varLen()
                guard i + length <= end else { return events }
                events.append(MIDIEvent(tick: tick, .sysex(status: status, data: Array(b[i..<i + length]))))
                i += length
                running = 0
            case 0xF1...0xFE:
                throw MIDIReadError(offset: i - 1, message: String(format: "system message 0x%02X cannot appear in a file", status))
            default:
                let kind = status & 0xF0
                let count = (kind == 0xC0 || kind == 0xD0) ? 1 : 2
                guard i + count <= end else { return events }
                let d1 = b[i] & 0x7F, d2 = count == 2 ? b[i + 1] & 0x7F : 0
                i += count
                events.append(MIDIEvent(tick: tick, .channel(status: status, data1: d1, data2: d2)))
                running = status
            }
        }
        return events
    }
}

import Foundation
