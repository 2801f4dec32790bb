import Foundation
import GRDB
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
import Transcription
@testable import SongServer

/// A tune given by ear on the capture page, in a real browser: sung into Chromium's fake microphone from a file,
/// or played on a stand-in MIDI keyboard; the facilitator checks the notes and saves them, and the tune that lands
/// in the archive is the one sung or played.
@Suite(.serialized) struct CaptureByEarSlowTests {
    static let ear = "document.querySelector('.by-ear')"
    /// Cân y Cwm is in 4/4 at 92 quarters a minute: a tune in its time, as (MIDI note, quarters).
    static let tune: [(midi: Int, quarters: Double)] = [(60, 1), (62, 1), (64, 1), (65, 1), (67, 2), (69, 1), (67, 1), (64, 2), (62, 1), (60, 1)]
    static let quarter = 60.0 / 92

    /// COnP of a saved melody against the tune: onsets (from the first note) within 50 ms, pitch exact.
    static func score(_ melody: Melody) -> Double {
        let played = melody.performedNotes
        guard let origin = played.first?.onset.doubleValue else { return 0 }
        var t = 0.0
        let truth = tune.map { n -> (onset: Double, offset: Double, midi: Int) in
            defer { t += n.quarters * quarter }
            return (t, t + n.quarters * quarter, n.midi)
        }
        let found = played.map { (onset: ($0.onset.doubleValue - origin) * 4 * quarter, midi: $0.pitch.midiNumber) }
        return SungTake.fMeasure(truth: truth, found: found)
    }

    /// The newest contribution to `song`: its melody and the take it refers to.
    static func newestContribution(_ song: Int64, in path: String) throws -> (melody: Melody?, take: String?) {
        let row = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT payload, takeId FROM contribution WHERE songId = ? ORDER BY id DESC LIMIT 1", arguments: [song])
        }
        let payload: String = row?["payload"] ?? ""
        return (try ABCReader.read(payload).value.tunes.first?.melody, row?["takeId"])
    }

    /// The newest take of `song`, kept out of the test's folder (which goes) when the test fails, so the
    /// transcriber can be run on it again: `songbridge transcribe FILE` or `songbridge-dev pitch-trace FILE`.
    static func keepTake(_ song: Int64, from path: String) -> String {
        guard let archive = try? TourArchive(path: path), let take = try? archive.takes(song: song).last,
              let audio = try? archive.takeAudio(take.id) else { return "(nowhere)" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-sung-take-\(take.id).wav")
        return (try? audio.write(to: file)) == nil ? "(nowhere)" : file.path
    }

    @Test func aTuneSungIntoTheMicrophoneLandsAsItWasSung() async throws {
        let gate = await RealTimeGate.shared.listening()
        defer { gate.leave() }
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let song = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        // The take a person sings, with a little vibrato, as the fake microphone's file.
        var sung = SungTake(notes: Self.tune.map { ($0.midi, $0.quarters * Self.quarter) })
        sung.vibratoCents = 25
        let file = server.folder.appendingPathComponent("sung.wav")
        try sung.wav().write(to: file)
        let browser = try Chromium(arguments: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                               "--use-file-for-fake-audio-capture=\(file.path)%noloop"])
        defer { browser.shutDown() }
        try await browser.open("/songs/\(song)/capture", on: server)
        _ = try await browser.evaluate("(f => { f.elements.by.value = 'c-gj41'; f.elements.section.value = 'Chorus'; return true })(document.querySelector('form.contribution'))")

        _ = try await browser.evaluate("\(Self.ear).querySelector('.sing').click(); true")
        _ = try await browser.waitFor("\(Self.ear).querySelector('.sing').getAttribute('aria-pressed') === 'true' || \(Self.ear).querySelector('.ear-status').textContent.startsWith('No tune')")
        // The browser's voice processing was asked off, and is off.
        #expect(try await browser.evaluate("\(Self.ear).dataset.processing") as? String == "")
        try await Task.sleep(for: .seconds(sung.samples.count / Int(sung.sampleRate) + 1))
        _ = try await browser.evaluate("\(Self.ear).querySelector('.sing').click(); true")
        let shown = try await browser.waitFor("\(Self.ear).querySelector('.roll').children.length || (\(Self.ear).querySelector('.ear-status').textContent.startsWith('No tune') ? \(Self.ear).querySelector('.ear-status').textContent : 0)")
        let heardAll = shown as? Int == Self.tune.count
        #expect(heardAll, "\(shown)\(heardAll ? "" : "; the take heard is kept at " + Self.keepTake(song, from: server.archivePath))")
        // The page marks doubtful notes by the transcriber's own threshold, given with the page.
        #expect(try await browser.evaluate("Number(\(Self.ear).dataset.doubtful)") as? Double == PlacedNote.doubtful)
        // Every note is a named control the facilitator can pick.
        let labels = try await browser.evaluate("[...\(Self.ear).querySelectorAll('.roll .note')].map(b => b.getAttribute('aria-label')).join('|')") as? String
        #expect(labels?.hasPrefix("C4, 1 beat") == true, "\(labels ?? "")")

        _ = try await browser.evaluate("\(Self.ear).querySelector('.save-tune').click(); true")
        let version = try await browser.waitFor("document.querySelector('.report').dataset.version || (\(Self.ear).querySelector('.ear-status').textContent.startsWith('Not saved') ? \(Self.ear).querySelector('.ear-status').textContent : '')")
        #expect(Int(version as? String ?? "") != nil, "\(version)")
        let saved = try Self.newestContribution(song, in: server.archivePath)
        let melody = try #require(saved.melody)
        #expect(Self.score(melody) >= 0.9, "COnP \(Self.score(melody)): \(melody.performedNotes.map(\.pitch.midiNumber))")
        // The take is kept beside it, as personal data.
        let takes = try TourArchive(path: server.archivePath).takes(song: song)
        #expect(takes.count == 1 && saved.take == takes.first?.id && takes.first?.singers == ["c-gj41"] && takes.first?.section == "Chorus")
    }

    /// A stand-in for Web MIDI: one input, "Test keys", whose messages the test sends with the times it chooses.
    static let fakeMIDI = """
        (() => {
          const input = { name: "Test keys", onmidimessage: null };
          Object.defineProperty(navigator, "requestMIDIAccess", { value: async () => ({ inputs: new Map([["keys", input]]) }) });
          window.playOnTestKeys = (events) => { for (const [at, data] of events) input.onmidimessage({ data: new Uint8Array(data), timeStamp: at }); return events.length; };
        })();
        """

    @Test func aTunePlayedOnAKeyboardWithHumanTimingIsNudgedAndSaved() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let song = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(song)/capture", on: server, beforeLoad: Self.fakeMIDI)
        _ = try await browser.evaluate("(f => { f.elements.by.value = 'c-gj41'; f.elements.section.value = 'Chorus'; return true })(document.querySelector('form.contribution'))")
        _ = try await browser.evaluate("\(Self.ear).querySelector('.keys').click(); true")
        _ = try await browser.waitFor("\(Self.ear).querySelector('.keys').getAttribute('aria-pressed') === 'true'")

        // As a person plays: each note up to 25 ms early or late, legato notes overlapping the next by 40 ms, and
        // the sustain pedal down over the fifth and sixth notes (released keys sound on until it lifts).
        var events: [(Double, [Int])] = []
        var t = 1_000.0
        let wobble = [12.0, -20, 25, -8, 0, 18, -25, 5, -15, 10]
        for (i, n) in Self.tune.enumerated() {
            let on = t + wobble[i], length = n.quarters * Self.quarter * 1000
            let pedalled = i == 4 || i == 5
            if i == 4 { events.append((on - 5, [0xB0, 64, 127])) }
            events.append((on, [0x90, n.midi, 80]))
            events.append((pedalled ? on + length * 0.5 : on + length + 40, [0x80, n.midi, 0]))
            if i == 5 { events.append((on + length - 10, [0xB0, 64, 0])) }
            t += length
        }
        let list = events.sorted { $0.0 < $1.0 }.map { "[\($0.0), [\($0.1.map(String.init).joined(separator: ","))]]" }.joined(separator: ", ")
        let script = "window.playOnTestKeys([\(list)])"
        #expect(try await browser.evaluate(script) as? Int == events.count)
        _ = try await browser.evaluate("\(Self.ear).querySelector('.keys').click(); true")
        let shown = try await browser.waitFor("\(Self.ear).querySelector('.roll').children.length || \(Self.ear).querySelector('.ear-status').textContent")
        #expect(shown as? Int == Self.tune.count, "\(shown)")

        // The facilitator picks the last note and puts it a semitone higher.
        _ = try await browser.evaluate("""
            (() => { const notes = \(Self.ear).querySelectorAll('.roll .note'); notes[notes.length - 1].click();
              \(Self.ear).querySelector('[data-nudge=up]').click(); return true })()
            """)
        #expect(try await browser.evaluate("[...\(Self.ear).querySelectorAll('.roll .note')].pop().getAttribute('aria-label')") as? String == "C♯4, 1 beat")
        _ = try await browser.evaluate("\(Self.ear).querySelector('.save-tune').click(); true")
        _ = try await browser.waitFor("document.querySelector('.report').dataset.version || (\(Self.ear).querySelector('.ear-status').textContent.startsWith('Not saved') ? \(Self.ear).querySelector('.ear-status').textContent : '')")
        let saved = try Self.newestContribution(song, in: server.archivePath)
        let melody = try #require(saved.melody)
        #expect(melody.performedNotes.map(\.pitch.midiNumber) == Self.tune.dropLast().map(\.midi) + [61])
        let onsets = melody.performedNotes.map { $0.onset.doubleValue * 4 }
        var expected: [Double] = [], at = 0.0
        for n in Self.tune { expected.append(at); at += n.quarters }
        #expect(onsets.map { $0 - (onsets.first ?? 0) } == expected, "\(onsets)")
        #expect(saved.take == nil, "a keyboard leaves no recording")
    }
}
