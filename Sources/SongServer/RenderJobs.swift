import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongSynth

/// The server's render queue. A job is named by its content (song version and options), so asking again for
/// the same render gives the same job and, once done, the cached file. At most `limit` renders run at once,
/// each in its own task with its own synth; request handlers only look at the table and never wait on a render.
actor RenderJobs {
    /// What a render is asked for. Its canonical text names the job.
    struct Request: Codable, Sendable, Hashable {
        /// The style; the song's own style when left out, else `basic`.
        var style: String?
        var key: String?
        var fit: String?
        var tempoScale: Double = 1
        var soundFont: String?
        var format: String = "flac"
        /// Semitones the last chorus moves up (1 to 5; none when left out). Left out of a request's name when it is
        /// none, so renders made before there was a lift are still found.
        var liftLastChorus: Int?

        init() {}

        /// Every field may be left out.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            style = try c.decodeIfPresent(String.self, forKey: .style)
            key = try c.decodeIfPresent(String.self, forKey: .key)
            fit = try c.decodeIfPresent(String.self, forKey: .fit)
            tempoScale = try c.decodeIfPresent(Double.self, forKey: .tempoScale) ?? 1
            soundFont = try c.decodeIfPresent(String.self, forKey: .soundFont)
            format = try c.decodeIfPresent(String.self, forKey: .format) ?? "flac"
            liftLastChorus = try c.decodeIfPresent(Int.self, forKey: .liftLastChorus)
        }
    }

    enum State: Sendable, Equatable {
        case queued
        case rendering(Double)
        case done(URL)
        case failed(String)
    }

    struct Job: Sendable {
        var id: String
        /// The SHA-256 of the song as the public could see it when this was asked for: part of the job's name, and
        /// checked again whenever the job is asked about, so a render made before someone withdrew is never served
        /// after (see `API.renderJob`).
        var digest: String
        var song: Int64
        var version: Int
        var request: Request
        var state: State
        var format: AudioFormat
        /// When each line of words (and each syllable) is sung in this render, for the page to follow.
        var lines: [LineCue]
        /// The audio as it is made, while the job is queued or rendering (nil once it is done or has failed).
        var stream: RenderStream?
    }

    /// A line of words in a render: when it starts (seconds), which page line it is, and its syllables' times.
    struct LineCue: Codable, Sendable, Hashable {
        var at: Double
        var section: String
        var line: Int
        var syllables: [SyllableCue]
    }

    struct SyllableCue: Codable, Sendable, Hashable {
        var at: Double
        var text: String
    }

    /// The performance's line starts in seconds, each with the syllables sung before the next line starts.
    static func cues(_ performance: Performance) -> [LineCue] {
        let lines = performance.lines
        let syllables = performance.wordsTrack?.syllables ?? []
        let clock = performance.clock
        var next = 0
        return lines.enumerated().map { n, line in
            let end = n + 1 < lines.count ? lines[n + 1].at : performance.end
            var sung: [SyllableCue] = []
            while next < syllables.count, syllables[next].at < end {
                if syllables[next].at >= line.at { sung.append(SyllableCue(at: clock.seconds(at: syllables[next].at), text: syllables[next].text)) }
                next += 1
            }
            return LineCue(at: clock.seconds(at: line.at), section: line.section, line: line.line, syllables: sung)
        }
    }

    private var jobs: [String: Job] = [:]
    private var waiting: [String] = []
    private var running = 0
    let limit: Int
    let folder: URL

    /// How many bytes of finished renders the folder keeps. Beyond it the least recently asked-for go first (asked
    /// for again, they render again), so a day of drafts in every key cannot fill the laptop's disk.
    let cacheBytes: Int64
    /// Finished renders still on disk, the least recently asked-for first.
    private var kept: [(id: String, url: URL, bytes: Int64)] = []

    /// A queue rendering into `folder`. Renders left there by an earlier run cannot be asked for again (jobs live
    /// in memory), so they are removed now.
    init(folder: URL, limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), cacheBytes: Int64 = ServerSettings.defaultRenderCache) {
        self.folder = folder
        self.limit = limit
        self.cacheBytes = cacheBytes
        Self.removeEarlierRenders(in: folder)
    }

    /// Removes the files this queue names renders by (`s12v3-9f0c….flac`) from `folder`, and nothing else.
    nonisolated static func removeEarlierRenders(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.wholeMatch(of: /s[0-9]+v[0-9]+-[0-9a-f]+\.(wav|flac|ogg)/) != nil {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// What the cache holds now: the renders on disk, least recently asked-for first, and their bytes.
    func cached() -> (ids: [String], bytes: Int64) { (kept.map(\.id), kept.reduce(0) { $0 + $1.bytes }) }

    /// Keeps a finished render, then removes the least recently asked-for until the cache fits (never the newest).
    private func keep(_ id: String, _ url: URL) {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
        kept.removeAll { $0.id == id }
        kept.append((id, url, bytes))
        var total = kept.reduce(0) { $0 + $1.bytes }
        while total > cacheBytes, kept.count > 1 {
            let oldest = kept.removeFirst()
            try? FileManager.default.removeItem(at: oldest.url)
            // The job goes with its file: kept, it would grow the table without end and answer "done" for a file
            // that is gone; forgotten, the same request renders it again.
            jobs[oldest.id] = nil
            total -= oldest.bytes
        }
    }

    /// A finished render asked for again is the most recently asked-for.
    private func touch(_ id: String) {
        guard let n = kept.firstIndex(where: { $0.id == id }) else { return }
        kept.append(kept.remove(at: n))
    }

    /// The MIME type of each format.
    static func mimeType(_ format: AudioFormat) -> String {
        switch format {
        case .wav16, .wav24: "audio/wav"
        case .flac: "audio/flac"
        case .ogg: "audio/ogg"
        }
    }

    /// At most this many renders wait their turn; beyond, a request is told to come back (503 with Retry-After),
    /// so a flood of requests cannot queue hours of work.
    static let maximumWaiting = 32

    /// Where renders run: threads of their own, never the cooperative pool that answers requests. Each render
    /// splits its channels over up to two synths, so two threads a core keeps every core busy.
    static let threads = WorkerThreads(count: 2 * max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Where the short work a person waits on runs (a hummed take transcribed, a tune searched for): threads of
    /// its own, so it never queues behind renders, and off the cooperative pool that answers requests.
    static let quickThreads = WorkerThreads(count: max(1, ProcessInfo.processInfo.activeProcessorCount), name: "quick", niceness: 5)

    /// Checks a request, then finds or queues its job. `song` is the version to render (already projected); a
    /// request without a style takes the song's own.
    func submit(song: Song, digest: String, id songID: Int64, version: Int, request asked: Request) throws(RenderRequestError) -> Job {
        var request = asked
        request.style = StyleLibrary.styleName(asked: request.style, for: song)
        guard let format = AudioFormat(path: "x." + request.format) else { throw RenderRequestError("format must be wav, flac or ogg") }
        guard (0.25...4).contains(request.tempoScale) else { throw RenderRequestError("tempoScale must be between 0.25 and 4") }
        if request.liftLastChorus == 0 { request.liftLastChorus = nil }   // the same render as none
        let font: SoundFont
        do { font = try SoundFontLibrary().choose(request.soundFont) } catch { throw RenderRequestError(error.description) }
        // The same request again is the same job: answered without arranging anything (a request that names a bad
        // style or key never made a job, so it still gets its 400 below).
        let id = Self.name(song: songID, version: version, digest: digest, request: request, font: font)
        if let job = jobs[id] {
            switch job.state {
            case .failed: break                                                         // try again
            case .done(let url) where !FileManager.default.fileExists(atPath: url.path): break   // the cache was cleared
            case .done:
                touch(id)
                return job
            default: return job
            }
        }
        // Arrange now, so a bad style or key is a 400 at once rather than a failed job later.
        var options = ArrangementOptions(style: request.style ?? "basic", tempoScale: request.tempoScale)
        options.liftLastChorus = request.liftLastChorus ?? 0   // the arranger refuses a step out of range: a 400
        if let key = request.key {
            guard let parsed = Key(key) else { throw RenderRequestError("'\(key)' is not a key (try G, Bb or F#m)") }
            options.key = parsed
        }
        if let fit = request.fit {
            options.fitGroups = try fit.split(separator: ",").map { group throws(RenderRequestError) in
                guard let range = VoiceRange(group: String(group)) else { throw RenderRequestError("'\(group)' is not a voice group") }
                return range
            }
        }
        let performance: Performance
        do { performance = try Arranger.perform(song, options: options) } catch { throw RenderRequestError("\(error)") }

        guard waiting.count < Self.maximumWaiting else { throw RenderRequestError("\(waiting.count) renders are waiting already; ask again in a little while", busy: true) }
        let midi = MIDIFile(performance: performance)
        var renderOptions = RenderOptions(soundFont: font, parallelism: min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)))
        let longest = Int(((midi.durationSeconds + renderOptions.maximumTail) * renderOptions.sampleRate).rounded(.up)) + 4_096
        let stream = RenderStream(sampleRate: renderOptions.sampleRate, maximumFrames: longest)
        let job = Job(id: id, digest: digest, song: songID, version: version, request: request, state: .queued, format: format,
                      lines: Self.cues(performance), stream: stream)
        jobs[id] = job
        waiting.append(id)
        // Drafts are split in time across the cores: about twice as fast as one synth (see RenderOptions.Splitting).
        renderOptions.splitting = .time
        // The file says what it is: the song's title, its public credits and its stop (`song` is already projected).
        pending[id] = (midi, renderOptions, AudioTags(song: song))
        startMore()
        return job
    }

    private var pending: [String: (MIDIFile, RenderOptions, AudioTags)] = [:]

    func job(_ id: String) -> Job? { jobs[id] }

    private func startMore() {
        while running < limit, !waiting.isEmpty {
            let id = waiting.removeFirst()
            guard let (midi, options, tags) = pending.removeValue(forKey: id), let job = jobs[id] else { continue }
            running += 1
            jobs[id]?.state = .rendering(0)
            let url = folder.appendingPathComponent("\(id).\(job.request.format)")
            let format = job.format, stream = job.stream
            let queue = self
            Task(executorPreference: Self.threads) {
                let outcome: State
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    _ = try await Renderer.render(midi, to: url, format: format, options: options, tags: tags, progress: { fraction in
                        Task { await queue.progress(id, fraction) }
                    }, stream: stream)
                    outcome = .done(url)
                } catch {
                    outcome = .failed("\(error)")
                }
                ServerMemory.giveBackFreedMemory()
                await queue.finish(id, outcome)
            }
        }
    }

    private func progress(_ id: String, _ fraction: Double) {
        if case .rendering = jobs[id]?.state { jobs[id]?.state = .rendering(min(1, fraction)) }
    }

    private func finish(_ id: String, _ state: State) {
        jobs[id]?.state = state
        // The stream ends with the render: its listeners hear the rest; later ones are given the file.
        if case .failed(let reason) = state { jobs[id]?.stream?.fail(reason) } else { jobs[id]?.stream?.end() }
        jobs[id]?.stream = nil
        if case .done(let url) = state { keep(id, url) }
        running -= 1
        startMore()
    }

    /// Forgets a job and removes its file: what it holds may no longer be heard (someone withdrew, or changed how
    /// they are credited).
    func forget(_ id: String) {
        guard let job = jobs.removeValue(forKey: id) else { return }
        job.stream?.fail("this render is no longer available (what it holds has changed)")
        waiting.removeAll { $0 == id }
        pending[id] = nil
        if case .done(let url) = job.state { try? FileManager.default.removeItem(at: url) }
        kept.removeAll { $0.id == id }
    }

    /// A stable name for a render: FNV-1a over the song, version, what the public may see of it (its digest), the
    /// request and the font.
    static func name(song: Int64, version: Int, digest: String, request: Request, font: SoundFont) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let options = (try? encoder.encode(request)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let text = "\(song)|\(version)|\(digest)|\(options)|\(font.url.resolvingSymlinksInPath().path)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "s\(song)v\(version)-" + String(hash, radix: 16)
    }
}

/// Why a render request was refused (a 400).
struct RenderRequestError: Error, CustomStringConvertible {
    var description: String
    /// The queue is full (a 503), not a bad request.
    var busy = false
    init(_ description: String, busy: Bool = false) {
        self.description = description
        self.busy = busy
    }
}
