import Foundation
import SongText
import SongTesting
import MusicXMLFiles
import SongArchive
import Songbook
import Testing
@testable import SongServer

/// The pages in a real browser: headless Chromium (Debian's `chromium`, installed by `make test`) against a live
/// server on loopback, driven over the DevTools protocol (`Chromium`). The page's own scripts do the work; the
/// test clicks, types and reads the page as a person would.
@Suite(.serialized) struct BrowserSlowTests {
    static let listen = "document.querySelector('.listen')"
    static let audio = "document.querySelector('.listen audio')"

    @Test func theSongPagePlaysTheDraftMutedAndTheLitLineMovesOn() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)", on: server)

        // Every line lit, in order, as the page lights them (the draft starts playing from its stream at once, so
        // on a busy machine the test may look later than the first line).
        _ = try await browser.evaluate("""
            window.litLines = []; new MutationObserver(() => { const l = \(Self.listen).dataset.line;
              if (l && window.litLines[window.litLines.length - 1] !== l) window.litLines.push(l) })
              .observe(\(Self.listen), { attributes: true, attributeFilter: ['data-line'] }); true
            """)
        // Start playback muted, as a person in a quiet room would, and ask for the draft.
        _ = try await browser.evaluate("\(Self.audio).muted = true; document.querySelector('button.render').click(); true")
        let duration = try #require(Double(try await browser.waitFor("\(Self.listen).dataset.duration || ''") as? String ?? ""))
        #expect(duration > 60, "a whole song lasts longer than \(duration) s")
        #expect(try await browser.evaluate("\(Self.audio).muted") as? Bool == true)

        // The first line lights up, then the next one as the song goes on (played faster to save time).
        _ = try await browser.evaluate("\(Self.audio).playbackRate = 4; true")
        let litLines = try await browser.waitFor("window.litLines.length >= 2 ? window.litLines.slice(0, 2).join(' then ') : ''") as? String
        #expect(litLines == "Verse 1#0 then Verse 1#1", "the lit lines: \(litLines ?? "")")
        #expect(try await browser.evaluate("document.querySelectorAll('.line.now').length") as? Int == 1)
        #expect(try await browser.evaluate("document.querySelector('.line.now').closest('section').dataset.section + '#' + document.querySelector('.line.now').dataset.line === \(Self.listen).dataset.line") as? Bool == true)

        // Syllable by syllable: the sung part of the lit line grows from the start of its words. Both are read in one
        // evaluation: the song plays on at four times its speed, and read apart they can belong to different lines.
        let pair = try #require(try await browser.waitFor("""
            (l => l && l.dataset.sung ? [l.dataset.sung, [...l.querySelectorAll('.seg')].map(s => [...s.childNodes]
              .filter(n => n.nodeType === 3).map(n => n.data).join('')).join('')] : '')(document.querySelector('.line.now'))
            """) as? [Any])
        let sung = try #require(pair.first as? String), words = try #require(pair.last as? String)
        #expect(words.hasPrefix(sung), "'\(sung)' is not the start of '\(words)'")
        // The highlight and the lit line's sung part agree (read in one moment; the song plays on, so at a busy moment
        // of the machine it is read again until they are seen together).
        #expect(try await browser.waitFor("CSS.highlights.has('sung') && !!document.querySelector('.line.now') && [...CSS.highlights.get('sung')][0].toString() === document.querySelector('.line.now').dataset.sung") as? Bool == true)

        // The draft played from its stream while it was made; the page says Ready once the file is done.
        #expect(try await browser.waitFor("(t => t === 'Ready' ? t : '')(\(Self.listen).querySelector('.progress').textContent)", seconds: 300) as? String == "Ready")
        // On the serving machine itself the player asks for WAV, the quickest to make.
        let playing = try #require(try await browser.evaluate("\(Self.audio).getAttribute('src')") as? String)
        #expect(try await server.get(playing).contentType == "audio/wav")
        // Seeking to where the server says the second chorus line begins lights that line.
        let job = try #require(try await server.request("POST", "/api/v1/songs/\(id)/renders", json: #"{"format":"wav","tempoScale":1}"#).json() as? [String: Any])
        let lines = try #require(job["lines"] as? [[String: Any]])
        let target = try #require(lines.first { $0["section"] as? String == "Chorus" && $0["line"] as? Int == 1 })
        let at = try #require(target["at"] as? Double)
        // (Sought again while the player has not got there: on a busy machine the stream can end, and the player
        // move to the finished file at its start, just after the first seek.)
        // Paused once the draft is done, the player moves to the finished file (a stream cannot be sought in); the
        // seek is made there, once the file's length is known.
        _ = try await browser.evaluate("\(Self.audio).pause(); true")
        _ = try await browser.waitFor("(a => !(a.getAttribute('src') || '/stream').endsWith('/stream') && a.readyState >= 1)(\(Self.audio))")
        _ = try await browser.evaluate("\(Self.audio).currentTime = \(at + 0.2); true")
        let lit = try await browser.waitFor("""
            (l => l === 'Chorus#1' ? l : (Math.abs(\(Self.audio).currentTime - \(at + 0.2)) > 0.5 && \(Self.audio).readyState > 0
              ? (\(Self.audio).pause(), \(Self.audio).currentTime = \(at + 0.2), '') : ''))(\(Self.listen).dataset.line)
            """)
        #expect(lit as? String == "Chorus#1")

        // A new key after listening asks for a new render at once, and the player moves to it.
        let before = try #require(try await browser.evaluate("\(Self.audio).getAttribute('src')") as? String)
        let key = try #require(try await browser.evaluate("""
            (() => { const k = document.querySelector('select[name=key]'); k.value = k.options[3].value;
              k.dispatchEvent(new Event('change')); return k.value })()
            """) as? String)
        let after = try await browser.waitFor("(s => s && s !== '\(before)' && \(Self.listen).querySelector('.progress').textContent.startsWith('Ready') ? s : '')(\(Self.audio).getAttribute('src'))") as? String
        let newJob = try #require(after?.components(separatedBy: "/api/v1/renders/").last?.split(separator: "/").first)
        let status = try #require(try await server.get("/api/v1/renders/\(newJob)").json() as? [String: Any])
        #expect(status["status"] as? String == "done")
        #expect(!key.isEmpty && key != "G")

        // Lifting the last chorus asks for that render at once: the same job as the API gives for the same choices.
        _ = try await browser.evaluate("(b => { b.checked = true; b.dispatchEvent(new Event('change')); return true })(document.querySelector('input[name=lift]'))")
        let liftedSource = try await browser.waitFor("(s => s && s !== '\(after ?? "")' && \(Self.listen).querySelector('.progress').textContent.startsWith('Ready') ? s : '')(\(Self.audio).getAttribute('src'))") as? String
        let liftedJob = try #require(liftedSource?.components(separatedBy: "/api/v1/renders/").last?.split(separator: "/").first)
        let same = try await server.request("POST", "/api/v1/songs/\(id)/renders", json: #"{"format":"wav","tempoScale":1,"key":"\#(key)","liftLastChorus":1}"#)
        #expect((try same.json() as? [String: Any])?["id"] as? String == String(liftedJob))
    }

    /// A long song (about six and a half minutes) is heard within moments of pressing "Hear the draft": the audio element
    /// is playing (its time moves on) while the page still says the render is being made. Once it is done, a seek
    /// moves the player to the finished file, at the moment asked for. (The benchmark measures how soon.)
    @Test func aLongDraftStartsPlayingWhileItIsStillRendering() async throws {
        var text = "{title: The Long Walk Home}\n{key: G}\n{time: 4/4}\n{tempo: 60}\n{x_songbridge_style: basic}\n\n"
        for verse in 1...12 {
            text += "{start_of_verse: Verse \(verse)}\n"
            text += "[G]Step by step the [C]road goes on\n[D]over the hill and [G]far away\n"
            text += "[Em]Sing the miles and [C]count them gone\n[D]home by the end of [G]day\n{end_of_verse}\n\n"
        }
        let long = try #require(try SongFile.read(data: Data(text.utf8), name: "long.cho", format: .chordPro).songs.first)
        let server = try await LiveServer { path in _ = try TourArchive(path: path).importSong(long) }
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Long Walk Home", in: server.archivePath)
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)", on: server)

        _ = try await browser.evaluate("\(Self.audio).muted = true; document.querySelector('button.render').click(); true")
        // Read in one moment: the player's time and what the page says about the render.
        let seen = try await browser.waitFor("""
            ((a, p) => a.currentTime > 0.5 ? a.currentTime.toFixed(1) + ' s played; ' + p.textContent + '; ' + a.getAttribute('src') : '')\
            (\(Self.audio), \(Self.listen).querySelector('.progress'))
            """) as? String ?? ""
        #expect(seen.contains("; Rendering "), "the audio should play while the page says it is rendering: \(seen)")
        #expect(seen.hasSuffix("/stream"), "it plays from the render's stream: \(seen)")

        // Done: a seek plays the finished file from the moment asked for.
        #expect(try await browser.waitFor("(t => t === 'Ready' ? t : '')(\(Self.listen).querySelector('.progress').textContent)", seconds: 300) as? String == "Ready")
        _ = try await browser.evaluate("\(Self.audio).currentTime = 300; true")
        let moved = try await browser.waitFor("(a => a.getAttribute('src').endsWith('/audio') && a.currentTime >= 299 ? a.getAttribute('src') + ' at ' + Math.floor(a.currentTime) : '')(\(Self.audio))") as? String ?? ""
        #expect(moved.hasSuffix("/audio at 300") || moved.hasSuffix("/audio at 301"), "\(moved)")
    }

    /// A musician's score chosen on the capture page (a compressed .mxl, as MuseScore saves one) comes in as the
    /// tune's contribution and is merged, the page saying how many notes it read.
    @Test func theCapturePageTakesATuneFromAScoreFile() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let tide = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        let file = server.folder.appendingPathComponent("tide.mxl")
        try MXLPackage.pack(MusicXMLWriter.write(tide.publicProjection)).write(to: file)
        let notes = tide.sections.compactMap(\.melody).reduce(0) { $0 + $1.notes.count }
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)/capture", on: server)
        // The file chosen as a person would (DevTools sets the file input), then the button.
        let document = try await browser.call("DOM.getDocument")
        let root = try #require((document["root"] as? [String: Any])?["nodeId"] as? Int)
        let input = try #require(try await browser.call("DOM.querySelector", ["nodeId": root, "selector": "input[name=score]"])["nodeId"] as? Int)
        _ = try await browser.call("DOM.setFileInputFiles", ["nodeId": input, "files": [file.path]])
        _ = try await browser.evaluate("document.querySelector('form.contribution').elements.section.value = 'Chorus'; document.querySelector('.send-score').click(); true")
        let outcome = try await browser.waitFor("(t => t.startsWith('From the score') || t.startsWith('Not saved') ? t : '')(document.querySelector('.report').textContent)") as? String
        #expect(outcome?.hasPrefix("From the score: \(notes) notes") == true, "\(outcome ?? "")")
        #expect(outcome?.contains("Merged into version") == true, "\(outcome ?? "")")
    }

    @Test func theCaptureFormAddsANewcomersLineAndShowsTheMerge() async throws {
        var session: Int64 = 0
        let server = try await LiveServer { path in
            try ServerTests.demoArchive(path)
            session = try TourArchive(path: path).addSession(stop: "machynlleth-2026-09", date: "2026-09-17")
        }
        defer { server.stop() }
        let path = server.archivePath
        let id = try ServerTests.id(of: "Cân y Cwm", in: path)
        let versionsBefore = try TourArchive(path: path).versions(id).count
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)/capture", on: server)

        // Today's session is chosen already.
        #expect(try await browser.evaluate("document.querySelector('form.contribution').elements.session.value") as? String == "\(session)")
        // Someone new: the name field appears only once "Someone new…" is picked.
        #expect(try await browser.evaluate("document.querySelector('.newcomer').hidden") as? Bool == true)
        _ = try await browser.evaluate("""
            (() => { const f = document.querySelector('form.contribution');
              f.elements.by.value = 'new'; f.elements.by.dispatchEvent(new Event('change'));
              return true })()
            """)
        #expect(try await browser.evaluate("document.querySelector('.newcomer').hidden") as? Bool == false)
        _ = try await browser.evaluate("""
            (() => { const f = document.querySelector('form.contribution');
              f.elements.name.value = 'Nerys Price'; f.elements.generation.value = 'older-adult'; f.elements.consent.value = 'first-name';
              f.elements.kind.value = 'lyrics'; f.elements.section.value = 'Chorus';
              f.elements.payload.value = 'The [G]kettle sings beside the [C]door';
              f.querySelector('button[type=submit]').click(); return true })()
            """)
        let version = try await browser.waitFor("document.querySelector('.report').dataset.version || (document.querySelector('.report').textContent.startsWith('Not saved') ? document.querySelector('.report').textContent : '')")
        let report = try #require(try await browser.evaluate("document.querySelector('.report').textContent") as? String)
        #expect(report.hasPrefix("Merged into version \(versionsBefore + 1)"), "\(report)")
        #expect(version as? String == "\(versionsBefore + 1)")
        // The form is ready for the next line, with the newcomer now on the list of people.
        #expect(try await browser.evaluate("document.querySelector('form.contribution').elements.payload.value") as? String == "")
        #expect(try await browser.evaluate("document.querySelector('form.contribution').elements.by.selectedOptions[0].textContent") as? String == "Nerys Price")

        // The archive has the newcomer with the consent given, and the line in the new version.
        let archive = try TourArchive(path: path)
        #expect(try archive.versions(id).count == versionsBefore + 1)
        let song = try archive.song(id)
        #expect(song.sections.flatMap(\.lyricLines).contains { $0.contains("kettle sings beside the door") })
        let newcomer = try #require(song.provenance.contributors.first { $0.name == "Nerys Price" })
        #expect(newcomer.consent == .firstName && newcomer.generation == .olderAdult)
        #expect(try archive.sessions().first?.contributions == 1, "the line was filed under the session")

        // A new verse from the room: the last choice of section starts one (after Pennill 1 and Verse 2, Verse 3).
        let newVerse = try await browser.evaluate("(s => s.options[s.options.length - 1].value)(document.querySelector('form.contribution').elements.section)") as? String
        #expect(newVerse == "Verse 3")
        _ = try await browser.evaluate("""
            (() => { const f = document.querySelector('form.contribution');
              f.elements.section.value = 'Verse 3'; f.elements.payload.value = 'Daw\\'r gwanwyn eto i\\'r cwm';
              f.querySelector('button[type=submit]').click(); return true })()
            """)
        _ = try await browser.waitFor("(d => d === '\(versionsBefore + 2)' ? d : '')(document.querySelector('.report').dataset.version)")
        #expect(try TourArchive(path: path).song(id).section("Verse 3")?.lyricLines == ["Daw'r gwanwyn eto i'r cwm"])
    }

    /// Notation in the browser: one drawing per sung section, with as many note heads as the section's tune has
    /// notes; choosing another key draws them again in it.
    @Test func theSongPageShowsEachSectionsTuneAsNotationInTheKeyChosen() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let sections = SongSheet.shownSections(of: SongSheet.sung(try { let a = try TourArchive(path: server.archivePath); return try a.publicSong(try a.song(id)) }()))
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)", on: server)
        // A note head is a use of one of the head glyphs (abcm2ps links them with xlink:href).
        let drawn = try #require(try await browser.evaluate("""
            (heads => JSON.stringify([...document.querySelectorAll('.words section.part')].map(s => [s.querySelectorAll('figure.notation svg').length,
              [...s.querySelectorAll('figure.notation svg use')].filter(u => heads.includes((u.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || u.getAttribute('href') || '').replace(/^#n[0-9]+-/, ''))).length])))(['hd', 'Hd', 'HD', 'HDD', 'breve'])
            """) as? String)
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(drawn.utf8)) as? [[Int]])
        #expect(counts.count == sections.count)
        for (section, count) in zip(sections, counts) {
            let notes = section.melody?.notes.reduce(0) { $0 + $1.pitches.count } ?? 0
            #expect(count == [section.melody == nil ? 0 : 1, notes], "\(section.id)")
        }
        // The drawing is named for a screen reader and its words are text the page can find.
        #expect(try await browser.evaluate("document.querySelector('figure.notation svg').getAttribute('aria-label').startsWith('The tune of Verse 1')") as? Bool == true)
        #expect(try await browser.evaluate("[...document.querySelectorAll('figure.notation svg text')].some(t => t.textContent === 'prom')") as? Bool == true)
        // G to A: the first chord drawn, G, becomes A.
        let before = try #require(try await browser.evaluate("[...document.querySelector('figure.notation svg').querySelectorAll('text')].map(t => t.textContent).join(' ')") as? String)
        _ = try await browser.evaluate("(k => { k.value = 'A'; k.dispatchEvent(new Event('change')); })(document.querySelector('select[name=key]')); true")
        _ = try await browser.waitFor("document.body.dataset.notationKey === 'A'")
        let after = try #require(try await browser.evaluate("[...document.querySelector('figure.notation svg').querySelectorAll('text')].map(t => t.textContent).join(' ')") as? String)
        #expect(before.hasPrefix("G ") && after.hasPrefix("A "), "\(before.prefix(40)) → \(after.prefix(40))")
        #expect(before.contains("prom") && after.contains("prom"))
        // And the large-print sheet is offered in A too.
        #expect(try await browser.evaluate("document.querySelector('a.large-print').getAttribute('href')") as? String == "/songs/\(id)/print?key=A")
    }

    /// The room's screen shows the song while a tablet adds a line: once the line is merged the page says a new
    /// draft is here (it never reloads by itself, the room may be singing), and showing it shows the line.
    @Test func theSongPageSaysWhenANewDraftIsMergedAndShowsIt() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let id = try ServerTests.id(of: "Cân y Cwm", in: path)
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/songs/\(id)", on: server)
        let shown = try #require(Int(try await browser.evaluate("\(Self.listen).dataset.version") as? String ?? ""))
        #expect(shown == (try TourArchive(path: path).versions(id).last?.number))
        #expect(try await browser.evaluate("document.querySelector('.newer').hidden") as? Bool == true)

        // The screen the room reads: big words, chords out of the way.
        let normal = try #require(try await browser.evaluate("parseFloat(getComputedStyle(document.querySelector('.words .line')).fontSize)") as? Double)
        _ = try await browser.evaluate("document.querySelector('button.big').click(); true")
        let large = try #require(try await browser.evaluate("parseFloat(getComputedStyle(document.querySelector('.words .line')).fontSize)") as? Double)
        #expect(large >= 1.5 * normal, "\(normal) px became \(large) px")
        #expect(try await browser.evaluate("getComputedStyle(document.querySelector('.chord')).display") as? String == "none")
        #expect(try await browser.evaluate("location.hash") as? String == "#big")
        #expect(try await browser.evaluate("document.querySelector('button.big').getAttribute('aria-pressed')") as? String == "true")

        // A tablet adds a line, the facilitator accepts it and merges.
        let added = try await server.request("POST", "/api/v1/songs/\(id)/contributions",
                                             json: #"{"by":["c-gj41"],"kind":"lyrics","payload":"a'r [C]afon fach yn [G]canu'n iach,","section":"Chorus"}"#)
        let contribution = try #require((try added.json() as? [String: Any])?["id"] as? Int)
        #expect(try await server.request("PATCH", "/api/v1/contributions/\(contribution)", json: #"{"status":"accepted"}"#).status == 200)
        let merged = try #require(try await server.request("POST", "/api/v1/songs/\(id)/merge", json: "{}").json() as? [String: Any])
        #expect(merged["version"] as? Int == shown + 1)

        // The page notices (it looks every five seconds) and offers the new draft; the words are still the old ones.
        let offered = try await browser.waitFor("(n => n.hidden ? '' : n.dataset.version)(document.querySelector('.newer'))")
        #expect(offered as? String == "\(shown + 1)")
        #expect(try await browser.evaluate("document.querySelector('.words').textContent.includes('afon fach')") as? Bool == false)
        _ = try await browser.evaluate("document.querySelector('.newer button.reload').click(); true")
        let now = try await browser.waitFor("(l => l && l.dataset.version === '\(shown + 1)' && document.readyState === 'complete' ? l.dataset.version : '')(\(Self.listen))")
        #expect(now as? String == "\(shown + 1)")
        #expect(try await browser.evaluate("document.querySelector('.words').textContent.includes('afon fach')") as? Bool == true)
        #expect(try await browser.evaluate("document.querySelector('.newer').hidden") as? Bool == true)
        // Still big words after showing the new draft.
        #expect(try await browser.evaluate("document.body.classList.contains('big')") as? Bool == true)
        // The history, opened, says what the new version added and whose it was.
        _ = try await browser.evaluate("document.querySelector('details.history').open = true; true")
        let history = try await browser.waitFor("[...document.querySelectorAll('.versions li.added')].map(li => li.textContent).join(' | ')")
        #expect((history as? String)?.contains("afon fach") == true, "\(history)")
        #expect(try await browser.evaluate("document.querySelectorAll('ol.versions > li').length") as? Int == shown + 1)
    }

    /// A participant withdraws in the room: the facilitator changes their consent on the people page (it asks
    /// first; saying no changes nothing), and their line leaves the public song page at once.
    @Test func aWithdrawalOnThePeoplePageTakesTheirLineOutOfTheSongPage() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let waltz = try ServerTests.id(of: "The Pavilion Waltz", in: path)
        let hers = try #require(try TourArchive(path: path).song(waltz).section("Verse")?.lyricLines.first)
        // The song as the page shows it (the page splits a line's words around its chords).
        func words() async throws -> [String] {
            let song = try #require(try await server.get("/api/v1/songs/\(waltz)").json() as? [String: Any])
            return (song["sections"] as? [[String: Any]] ?? []).flatMap { ($0["lines"] as? [[String: Any]] ?? []).compactMap { $0["words"] as? String } }
        }
        #expect(try await words().contains(hers))
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/people", on: server)
        let row = "document.querySelector('tr[data-id=\"c-dw21\"]')"
        #expect(try await browser.evaluate("\(row).dataset.name") as? String == "Doris Whitaker")
        #expect(try await browser.evaluate("\(row).querySelector('.credit-now').textContent") as? String == "Doris Whitaker")

        // Asked "Go on?", the facilitator says no: nothing changes.
        _ = try await browser.evaluate("""
            window.confirm = () => false;
            (s => { s.value = 'withdrawn'; s.dispatchEvent(new Event('change')); })(\(row).querySelector('select')); true
            """)
        #expect(try await browser.evaluate("\(row).querySelector('select').value") as? String == "full-name")
        #expect(try TourArchive(path: path).contributors().first { $0.id == "c-dw21" }?.consent == .fullName)

        // And yes.
        _ = try await browser.evaluate("""
            window.confirm = () => true;
            (s => { s.value = 'withdrawn'; s.dispatchEvent(new Event('change')); })(\(row).querySelector('select')); true
            """)
        let saved = try await browser.waitFor("(t => t.startsWith('Saved') || t.startsWith('Not saved') ? t : '')(document.querySelector('.people .report').textContent)")
        #expect(saved as? String == "Saved: Doris Whitaker is not credited.")
        #expect(try await browser.evaluate("\(row).querySelector('.credit-now').textContent") as? String == "not credited")
        #expect(try TourArchive(path: path).contributors().first { $0.id == "c-dw21" }?.consent == .withdrawn)
        #expect(try await !words().contains(hers))
        #expect(!(try await server.get("/songs/\(waltz)").text.contains("Whitaker")))
    }

    /// Every page, as a screen reader or a keyboard user meets it: a language, one main heading, every control with
    /// a name it can be read by, every link with words, every image with a text, and nothing reachable only by mouse
    /// (no control taken out of the tab order).
    @Test func everyPageNamesItsControlsForAssistiveTechnology() async throws {
        let audit = """
            (() => {
              const problems = [];
              if (!document.documentElement.lang) problems.push("no lang on <html>");
              if (document.querySelectorAll("h1").length !== 1) problems.push(document.querySelectorAll("h1").length + " h1 headings");
              if (!document.title.trim()) problems.push("no title");
              for (const e of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
                const named = (e.labels && e.labels.length) || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") ||
                  (e.tagName === "BUTTON" && e.textContent.trim());
                if (!named) problems.push("unnamed " + e.outerHTML.slice(0, 80));
                if (e.tabIndex < 0) problems.push("out of the tab order: " + e.outerHTML.slice(0, 80));
              }
              for (const a of document.querySelectorAll("a[href]")) {
                if (!a.textContent.trim() && !a.getAttribute("aria-label")) problems.push("a link without words: " + a.outerHTML.slice(0, 80));
              }
              for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push("an image without alt");
              const audio = document.querySelector("audio");
              if (audio && !audio.controls) problems.push("audio without controls");
              return problems.join("\\n");
            })()
            """
        try await Self.audit(audit) { id in
            ["/", "/songs", "/songs?nation=wales", "/search?q=cwm", "/songs/\(id)", "/songs/\(id)#big", "/songs/\(id)/capture",
             "/songs/\(id)/print", "/songs/\(id)/print?words=only", "/facilitator", "/people"]
        }
    }

    /// Every page as an older eye and a tablet's finger meet it, by WCAG 2.2's measures: each piece of text against
    /// the colour behind it has a contrast ratio of at least 4.5 (3 for large text: 24 px, or 18.66 px bold)
    /// (SC 1.4.3, with the relative luminance and ratio as WCAG defines them), and each button, field and menu is at
    /// least 24 by 24 CSS pixels (SC 2.5.8).
    @Test func everyPageIsReadableAndEveryControlIsBigEnoughToTouch() async throws {
        let audit = """
            (() => {
              const problems = [];
              const rgba = (c) => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number).concat([1]).slice(0, 4); };
              const linear = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
              // The colour behind an element: the first ancestor background that is not transparent, over white.
              const behind = (e) => {
                for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
                  const c = rgba(getComputedStyle(n).backgroundColor);
                  if (c[3] > 0) return c;
                }
                return [255, 255, 255, 1];
              };
              for (const e of document.querySelectorAll("body *")) {
                const style = getComputedStyle(e);
                const box = e.getBoundingClientRect();
                if (style.visibility === "hidden" || style.display === "none" || box.width === 0 || box.height === 0) continue;
                const text = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
                if (text && e.tagName !== "OPTION" && e.tagName !== "SCRIPT" && e.tagName !== "STYLE") {
                  const [a, b] = [luminance(rgba(style.color)), luminance(behind(e))];
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
                  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < needed) problems.push("contrast " + ratio.toFixed(2) + " < " + needed + ": " + e.tagName + " '" + text.slice(0, 40) + "'");
                }
                if (["BUTTON", "SELECT", "TEXTAREA"].includes(e.tagName) || (e.tagName === "INPUT" && e.type !== "hidden")) {
                  if (box.width < 24 || box.height < 24) problems.push("smaller than 24 by 24 px (" + Math.round(box.width) + " by " + Math.round(box.height) + "): " + e.outerHTML.slice(0, 80));
                }
              }
              return problems.join("\\n");
            })()
            """
        try await Self.audit(audit) { id in
            ["/", "/songs", "/search?q=cwm", "/search/tune", "/songs/\(id)", "/songs/\(id)#big", "/songs/\(id)/capture",
             "/songs/\(id)/print", "/facilitator", "/people", "/songs/999"]
        }
    }

    /// Runs `audit` (a script giving what it finds wrong, a line each) in a real browser on each of `paths` (given a
    /// song's id) over the demo archive, and expects nothing wrong.
    static func audit(_ audit: String, on paths: (Int64) -> [String]) async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let browser = try Chromium()
        defer { browser.shutDown() }
        for path in paths(id) {
            try await browser.open(path, on: server)
            let problems = try await browser.evaluate(audit) as? String
            #expect(problems == "", "\(path):\n\(problems ?? "no answer")")
        }
    }
}
