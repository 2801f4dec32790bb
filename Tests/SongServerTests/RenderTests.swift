import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import SongServer

/// Render jobs through the live server: FluidSynth in process, the cached file served with ranges and an ETag.
@Suite struct RenderTests {
    @Test func aRenderIsQueuedServedWithRangesAndReused() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let id = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: path)
        let body = #"{"format":"wav","style":"basic","tempoScale":1.5}"#
        let asked = try await server.request("POST", "/api/v1/songs/\(id)/renders", json: body)
        #expect([200, 202].contains(asked.status), "\(asked.text)")
        let job = try #require((try asked.json() as? [String: Any])?["id"] as? String)

        // Poll until it is done (a bound on the number of polls, not a timing assertion).
        var status: [String: Any] = [:]
        for _ in 0..<600 {
            status = try #require(try await server.get("/api/v1/renders/\(job)").json() as? [String: Any])
            if status["status"] as? String == "done" || status["status"] as? String == "failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status["status"] as? String == "done", "\(status)")
        let audioPath = try #require(status["audio"] as? String)

        let whole = try await server.get(audioPath)
        #expect(whole.status == 200)
        #expect(whole.contentType == "audio/wav")
        #expect(whole.body.prefix(4) == Data("RIFF".utf8))
        #expect(whole.body.count > 44 + 44_100 * 4)        // more than a second of 16-bit stereo
        // The file says what it is (RIFF INFO before the samples): the song's title, and the tour stop as its album.
        #expect(whole.body.range(of: Data("INAM".utf8)) != nil && whole.body.range(of: Data("Hush, the Harbour Sleeps".utf8)) != nil)
        #expect(whole.body.range(of: Data("Songbridge tour: ".utf8)) != nil)
        let etag = try #require(whole.headers["Etag"])

        let head = try await server.request("GET", audioPath, headers: ["Range": "bytes=0-11"])
        #expect(head.status == 206)
        #expect(head.body == whole.body.prefix(12))
        #expect(head.headers["Content-Range"] == "bytes 0-11/\(whole.body.count)")
        let tail = try await server.request("GET", audioPath, headers: ["Range": "bytes=-4"])
        #expect(tail.status == 206 && tail.body == whole.body.suffix(4))
        let beyond = try await server.request("GET", audioPath, headers: ["Range": "bytes=\(whole.body.count + 10)-"])
        #expect(beyond.status == 416)
        // A unit other than bytes is ignored (RFC 9110 §14.1): the whole file; the unit's name is not case-sensitive.
        let items = try await server.request("GET", audioPath, headers: ["Range": "items=0-5"])
        #expect(items.status == 200 && items.body == whole.body)
        let shouted = try await server.request("GET", audioPath, headers: ["Range": "BYTES=0-11"])
        #expect(shouted.status == 206 && shouted.body == whole.body.prefix(12))
        // A seek far into the file (a range larger than one chunk read from disk) comes back whole and exact.
        let middle = try await server.request("GET", audioPath, headers: ["Range": "bytes=1000-300999"])
        #expect(middle.status == 206 && middle.body == whole.body[1000...300_999])
        // If-Range: the range only for the file the client has part of; for another, the whole file.
        let sameFile = try await server.request("GET", audioPath, headers: ["Range": "bytes=0-11", "If-Range": etag])
        #expect(sameFile.status == 206 && sameFile.body.count == 12)
        let otherFile = try await server.request("GET", audioPath, headers: ["Range": "bytes=0-11", "If-Range": "\"an-older-render\""])
        #expect(otherFile.status == 200 && otherFile.body == whole.body)
        let unchanged = try await server.request("GET", audioPath, headers: ["If-None-Match": etag])
        #expect(unchanged.status == 304)

        // The same request again is the same job, already done.
        let again = try await server.request("POST", "/api/v1/songs/\(id)/renders", json: body)
        #expect(again.status == 200)
        #expect((try again.json() as? [String: Any])?["id"] as? String == job)
    }

    /// The 16-bit stereo samples of a WAV file's `data` chunk, and the frame count its header gives.
    static func pcm(_ wav: Data) throws -> (samples: [Int16], declaredFrames: Int) {
        let b = [UInt8](wav)
        try #require(b.count >= 12 && b[0..<4] == ArraySlice("RIFF".utf8) && b[8..<12] == ArraySlice("WAVE".utf8))
        func u32(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 }
        var at = 12
        while at + 8 <= b.count {
            let size = u32(at + 4)
            if b[at..<at + 4] == ArraySlice("data".utf8) {
                let end = min(b.count, at + 8 + size)
                let samples = stride(from: at + 8, to: end - 1, by: 2).map { Int16(bitPattern: UInt16(b[$0]) | UInt16(b[$0 + 1]) << 8) }
                return (samples, size / 4)
            }
            at += 8 + size + size % 2
        }
        throw URLError(.cannotParseResponse)
    }

    /// Asked for, a render can be heard at once from its stream, which is the same music as the finished file: the
    /// file's samples are the stream's times one gain (the file is scaled to its peak, known only at the end) until
    /// the file's closing fade. Once done, the stream's address gives the file.
    @Test func aRenderIsHeardAsItIsMadeAndIsTheSameMusicAsTheFile() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        // A render that ended before its stream was asked for answers with the finished file (below); on a machine
        // busy enough for that, another render (another tempo, so another job) is asked for and listened to.
        var heardAsMade: (job: [String: Any], path: String, reply: LiveServer.Reply)?
        for tempoScale in [1.25, 1.2, 1.15, 1.1, 1.05] where heardAsMade == nil {
            let asked = try await server.request("POST", "/api/v1/songs/\(id)/renders", json: #"{"format":"wav","tempoScale":\#(tempoScale)}"#)
            #expect(asked.status == 202, "\(asked.text)")
            let job = try #require(try asked.json() as? [String: Any])
            let streamPath = try #require(job["stream"] as? String)
            #expect((job["lines"] as? [Any])?.isEmpty == false, "the words' timings come with the job, before the audio")
            let reply = try await server.get(streamPath)
            #expect(reply.status == 200 && reply.contentType == "audio/wav")
            if reply.headers["Cache-Control"] == "no-store" { heardAsMade = (job, streamPath, reply) }
        }
        let (job, streamPath, streamed) = try #require(heardAsMade, "every render ended before its stream was asked for")

        var status: [String: Any] = [:]
        for _ in 0..<600 {
            status = try #require(try await server.get("/api/v1/renders/\(job["id"] as? String ?? "")").json() as? [String: Any])
            if status["status"] as? String != "queued" && status["status"] as? String != "rendering" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status["status"] as? String == "done" && status["stream"] == nil, "\(status)")
        let file = try await server.get(try #require(status["audio"] as? String))
        let (heard, declared) = try Self.pcm(streamed.body), (kept, _) = try Self.pcm(file.body)
        #expect(heard.count >= kept.count, "the file ends when its sound has died away; the stream may run on into the silence")
        #expect(heard.count / 2 <= declared, "the stream's header names the longest the render can be")
        // One gain takes the stream to the file, wherever the stream is not in its soft limit.
        let fade = Int(0.2 * 44_100) * 2
        let pairs = stride(from: 0, to: kept.count - fade, by: 5).filter { abs(Int(heard[$0])) > 2_000 && abs(Int(heard[$0])) < 24_000 }
        try #require(pairs.count > 20_000)
        let ratios = pairs.map { Double(kept[$0]) / Double(heard[$0]) }.sorted()
        let gain = ratios[ratios.count / 2]
        #expect(gain > 0.5 && gain < 2, "the file is scaled to -1 dBFS, the stream by a fixed gain near what that gives: \(gain)")
        let off = pairs.filter { abs(Double(kept[$0]) - gain * Double(heard[$0])) > 2 + 0.002 * abs(Double(kept[$0])) }
        #expect(off.count < pairs.count / 1_000, "\(off.count) of \(pairs.count) samples differ beyond rounding")

        // Asked for again once done, the stream's address is the finished file.
        let after = try await server.get(streamPath)
        #expect(after.status == 200 && after.body == file.body)
    }

    /// The last chorus lifted is another render (another job), with the words sung at the same moments.
    @Test func aLiftedLastChorusIsItsOwnRenderInTheSameTime() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let plain = try #require(try await server.request("POST", "/api/v1/songs/\(id)/renders", json: #"{"format":"wav"}"#).json() as? [String: Any])
        let lifted = try #require(try await server.request("POST", "/api/v1/songs/\(id)/renders", json: #"{"format":"wav","liftLastChorus":1}"#).json() as? [String: Any])
        #expect(plain["id"] as? String != lifted["id"] as? String)
        let cues = { (job: [String: Any]) in (job["lines"] as? [[String: Any]] ?? []).map { "\($0["section"] ?? "") \($0["line"] ?? "") \($0["at"] ?? "")" } }
        #expect(!cues(plain).isEmpty && cues(plain) == cues(lifted))
        // And it is other music: the two finished files differ (a render is the same bytes every time it is made).
        var files: [Data] = []
        for job in [plain, lifted] {
            var status: [String: Any] = [:]
            for _ in 0..<600 {
                status = try #require(try await server.get("/api/v1/renders/\(job["id"] as? String ?? "")").json() as? [String: Any])
                if status["status"] as? String == "done" || status["status"] as? String == "failed" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            files.append(try await server.get(try #require(status["audio"] as? String, "\(status)")).body)
        }
        #expect(files[0].count > 100_000 && files[0] != files[1])
    }

    @Test func badRenderRequestsAreRefusedAtOnce() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        for body in [#"{"format":"mp3"}"#, #"{"style":"no-such-style"}"#, #"{"key":"H#"}"#, #"{"tempoScale":40}"#, #"{"liftLastChorus":9}"#,
                     #"{"fit":"dragons"}"#, #"{"soundFont":"no-such-font"}"#, "[1,2"] {
            let reply = try await server.request("POST", "/api/v1/songs/1/renders", json: body)
            #expect(reply.status == 400, "\(body): \(reply.status) \(reply.text)")
            #expect((try? reply.json() as? [String: Any])?["error"] != nil, "\(body)")
        }
        #expect(try await server.request("POST", "/api/v1/songs/9999/renders", json: "{}").status == 404)
        #expect(try await server.get("/api/v1/renders/nothing-here").status == 404)
    }

    @Test func byteRangesFollowTheStandard() {
        #expect(FileResponse.byteRange("bytes=0-0", size: 10) == 0..<1)
        #expect(FileResponse.byteRange("bytes=5-", size: 10) == 5..<10)
        #expect(FileResponse.byteRange("bytes=-3", size: 10) == 7..<10)
        #expect(FileResponse.byteRange("bytes=-30", size: 10) == 0..<10)
        #expect(FileResponse.byteRange("bytes=2-100", size: 10) == 2..<10)
        #expect(FileResponse.byteRange("bytes=10-", size: 10) == nil)
        #expect(FileResponse.byteRange("bytes=5-2", size: 10) == nil)
        #expect(FileResponse.byteRange("items=0-1", size: 10) == nil)
        #expect(FileResponse.byteRange("bytes=-0", size: 10) == nil)
    }
}
