import Foundation
import SongCore
import Testing
@testable import SongMIDI

@Suite struct MIDIBytesTests {
    /// Variable-length quantities from the Standard MIDI File 1.0 specification's table.
    @Test(arguments: [
        (0x00, [0x00]), (0x40, [0x40]), (0x7F, [0x7F]), (0x80, [0x81, 0x00]), (0x2000, [0xC0, 0x00]), (0x3FFF, [0xFF, 0x7F]),
        (0x4000, [0x81, 0x80, 0x00]), (0x10_0000, [0xC0, 0x80, 0x00]), (0x1F_FFFF, [0xFF, 0xFF, 0x7F]), (0x0FFF_FFFF, [0xFF, 0xFF, 0xFF, 0x7F]),
    ] as [(Int, [Int])])
    func variableLengthQuantities(value: Int, bytes: [Int]) {
        #expect(MIDIFile().varLen(value) == bytes.map(UInt8.init))
    }

    @Test func knownEventsAreWrittenByteForByte() {
        // Given a one-note performance in G major, 3/4, at 120 quarter notes a minute
        let performance = Performance(
            title: "T", tempos: [TimedValue(at: .zero, value: Tempo(120))], meters: [TimedValue(at: .zero, value: Meter(3, 4))],
            keys: [TimedValue(at: .zero, value: Key("G")!)],
            tracks: [PerformanceTrack(name: "M", role: .melody, channel: 0, program: 73, notes: [PerformanceNote(onset: .zero, duration: .quarter, key: 60, velocity: 96)],
                                      syllables: [SungSyllable(at: .zero, text: "la", endsLine: true, endsParagraph: true)])],
            end: NoteLength(3, 4))
        // When it is written
        let bytes = MIDIFile(performance: performance).data()
        // Then the header says format 1, two tracks, 480 ticks a quarter
        #expect(Array(bytes[0..<14]) == [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0])
        func contains(_ run: [UInt8]) -> Bool {
            guard run.count <= bytes.count else { return false }
            return (0...(bytes.count - run.count)).contains { Array(bytes[$0..<$0 + run.count]) == run }
        }
        #expect(contains([0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20]))          // tempo: 500,000 µs a quarter
        #expect(contains([0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08]))    // 3/4, 24 clocks a click, 8 32nds a quarter
        #expect(contains([0xFF, 0x59, 0x02, 0x01, 0x00]))                // G major: one sharp
        #expect(contains([0xFF, 0x03, 0x01, 0x54]))                      // track name "T"
        #expect(contains([0x00, 0xC0, 0x49]))                            // program 73 on channel 1
        #expect(contains([0x00, 0x90, 0x3C, 0x60]))                      // note on middle C, velocity 96
        #expect(contains([0x83, 0x60, 0x80, 0x3C, 0x40]))                // note off after 480 ticks (83 60)
        #expect(contains([0xFF, 0x05, 0x03, 0x6C, 0x61, 0x0A]))          // lyric "la" + line feed (end of verse)
        #expect(Array(bytes.suffix(4)) == [0x00, 0xFF, 0x2F, 0x00] || contains([0xFF, 0x2F, 0x00]))
    }

    @Test func runningStatusIsUsedAndRead() throws {
        let file = MIDIFile(format: 0, tracks: [[
            .noteOn(0, channel: 0, key: 60, velocity: 100), .noteOn(0, channel: 0, key: 64, velocity: 100),
            .noteOff(10, channel: 0, key: 60), .noteOff(0 + 10, channel: 0, key: 64),
            MIDIEvent(tick: 10, .meta(type: 0x2F, data: [])),
        ]])
        let bytes = file.data()
        // The second note-on reuses the status byte: 00 90 3C 64 00 40 64.
        #expect(bytes.contains(0x90) && bytes.filter { $0 == 0x90 }.count == 1)
        #expect(try MIDIFile(bytes: bytes) == file)
    }

    @Test func writeThenReadGivesTheSameFile() throws {
        let original = MIDIFile(format: 1, ticksPerQuarter: 96, tracks: [
            [MIDIEvent(tick: 0, .meta(type: 0x51, data: [0x07, 0xA1, 0x20])), MIDIEvent(tick: 0, .sysex(status: 0xF0, data: [0x7E, 0x7F, 0x09, 0x01, 0xF7])),
             MIDIEvent(tick: 5000, .meta(type: 0x2F, data: []))],
            [.text(0, type: 0x03, "Mélodie ŵ"), .program(0, channel: 3, program: 5), .control(1, channel: 3, controller: 7, value: 90),
             .noteOn(100, channel: 3, key: 70, velocity: 1), .noteOff(20_000, channel: 3, key: 70), MIDIEvent(tick: 20_000, .meta(type: 0x2F, data: []))],
        ])
        let read = try MIDIFile(bytes: original.data())
        #expect(read == original)
        #expect(read.tracks[1].first.flatMap { if case .meta(_, let d) = $0.kind { MIDITextEncoding.decode(d) } else { nil } } == "Mélodie ŵ")
    }

    @Test func formatsZeroAndTwoRead() throws {
        var zero = MIDIFile(format: 0, tracks: [[.noteOn(0, channel: 0, key: 60, velocity: 90), .noteOff(480, channel: 0, key: 60)]])
        #expect(try MIDIFile(bytes: zero.data()).format == 0)
        zero.format = 2
        zero.tracks.append([.noteOn(0, channel: 1, key: 62, velocity: 90), .noteOff(480, channel: 1, key: 62)])
        let two = try MIDIFile(bytes: zero.data())
        #expect(two.format == 2 && two.tracks.count == 2)
    }

    static let header: [UInt8] = Array("MThd".utf8)
    static let garbage: [([UInt8], String)] = [
        ([], "no MThd header"),
        (Array("RIFF1234".utf8) + [UInt8](repeating: 0, count: 10), "no MThd header"),
        (header + [0, 0, 0, 6, 0, 1, 0, 1, 0xE7, 0x28], "SMPTE"),
        (header + [0, 0, 0, 6, 0, 1, 0, 1, 0, 0], "a time division of 0 ticks"),
        (header + [0, 0, 0, 6, 0, 9, 0, 1, 1, 0xE0], "unknown format 9"),
        (header + [0, 0, 0, 6, 0, 1, 0, 1, 1, 0xE0] + Array("MTrk".utf8) + [0, 0, 0, 3, 0x00, 0x3C, 0x40], "running status not set"),
    ]

    @Test(arguments: garbage)
    func garbageIsRefusedWithAPlace(bytes: [UInt8], message: String) {
        #expect {
            try MIDIFile(bytes: bytes)
        } throws: { error in
            (error as? MIDIReadError)?.message.contains(message) == true
        }
    }

    @Test func aTruncatedFileReadsAsFarAsItGoes() throws {
        let whole = MIDIFile(tracks: [[.noteOn(0, channel: 0, key: 60, velocity: 90), .noteOff(480, channel: 0, key: 60), .noteOn(480, channel: 0, key: 62, velocity: 90), .noteOff(960, channel: 0, key: 62)]]).data()
        let cut = try MIDIFile(bytes: Array(whole.prefix(whole.count - 6)))
        #expect(cut.tracks.count == 1)
        #expect(cut.tracks[0].filter(\.isNoteOn).count >= 1)
    }

    /// 3,000 mutants of a small file: each is either read, and then writes back to bytes that read again as the
    /// same file, or refused; both must happen, or the mutants tested nothing.
    @Test func randomBytesNeverCrashTheReader() throws {
        var state: UInt64 = 12345
        let seed = MIDIFile(tracks: [[.noteOn(0, channel: 0, key: 60, velocity: 90), .text(0, type: 5, "la "), .noteOff(480, channel: 0, key: 60)]]).data()
        var read = 0, refused = 0
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let at = Int(state >> 33) % bytes.count
                bytes[at] = UInt8(truncatingIfNeeded: state >> 13)
            }
            do {
                let file = try MIDIFile(bytes: bytes)
                read += 1
                // Written back, it reads as the same file; a track that had lost its end-of-track event gets one,
                // as the standard requires of every track.
                let again = try MIDIFile(bytes: file.data())
                var expected = file
                for t in expected.tracks.indices {
                    let last = expected.tracks[t].last
                    if case .meta(type: 47, _)? = last?.kind {} else { expected.tracks[t].append(MIDIEvent(tick: last?.tick ?? 0, .meta(type: 47, data: []))) }
                }
                #expect(again == expected, "\(zip(expected.tracks.joined(), again.tracks.joined()).filter { $0.0 != $0.1 }.prefix(2))")
            } catch {
                refused += 1
            }
        }
        #expect(read > 100 && refused > 100, "read \(read), refused \(refused)")
    }
}
