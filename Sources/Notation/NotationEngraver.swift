import Foundation
import Synchronization

/// Engraves tunes as SVG with abcm2ps (Debian's `abcm2ps`, `-g`: one SVG a tune), a well-kept engraver of ABC.
/// The tunes of one call are drawn by one abcm2ps process, which is bounded: at most `timeout` (then killed) and
/// `maximumOutput` bytes, in a folder of its own with nothing else in it, with a bare environment; at most
/// `concurrency` run at once, and requests that arrive while all are busy share the next run (`DrawingQueue`). A
/// tune it cannot draw fails alone, with a reason the page shows.
public struct NotationEngraver: Sendable {
    /// The abcm2ps program, or nil where it is not installed.
    public var program: String?
    /// The longest one process may run.
    public var timeout: Duration
    /// The most SVG one process may write.
    public var maximumOutput: Int
    let slots: Slots
    let queue: DrawingQueue

    /// An engraver using `program` (default: abcm2ps found on the usual paths).
    public init(program: String? = NotationEngraver.installedProgram, timeout: Duration = .seconds(5), maximumOutput: Int = 16 << 20, concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.program = program
        self.timeout = timeout
        self.maximumOutput = maximumOutput
        self.slots = Slots(count: concurrency)
        self.queue = DrawingQueue(runners: concurrency)
    }

    /// abcm2ps where Debian installs it, if it is there.
    public static var installedProgram: String? {
        ["/usr/bin/abcm2ps", "/usr/local/bin/abcm2ps"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Each source drawn, in order: its engraving, or why it could not be drawn.
    public func engrave(_ sources: [NotationSource]) async -> [Result<Engraving, EngravingFailure>] {
        guard !sources.isEmpty else { return [] }
        guard let program else { return sources.map { _ in .failure(.notInstalled) } }
        var results = [Result<Engraving, EngravingFailure>](repeating: .failure(.tooLarge), count: sources.count)
        var drawable: [Int] = []
        for (i, source) in sources.enumerated() {
            if source.abc.utf8.count <= Self.maximumSource { drawable.append(i) }
        }
        guard !drawable.isEmpty else { return results }
        let batch = await queue.draw(drawable.map { sources[$0] }) { [self] in await run(program, $0) }
        if case .success(let documents) = batch, documents.count == drawable.count {
            for (k, i) in drawable.enumerated() { results[i] = Self.result(documents[k], name: sources[i].name) }
            return results
        }
        // The batch failed as a whole, or lost count of its tunes: each tune on its own, so one bad tune fails alone.
        if drawable.count == 1, case .failure(let failure) = batch {
            results[drawable[0]] = .failure(failure)
            return results
        }
        for i in drawable {
            switch await run(program, [sources[i]]) {
            case .success(let documents) where documents.count == 1: results[i] = Self.result(documents[0], name: sources[i].name)
            case .success: results[i] = .failure(EngravingFailure("the engraver drew nothing for this tune"))
            case .failure(let failure): results[i] = .failure(failure)
            }
        }
        return results
    }

    /// The largest ABC one tune may be (a verse is a few hundred bytes; this is thousands of notes).
    static let maximumSource = 64 * 1024

    static func result(_ document: Substring, name: String) -> Result<Engraving, EngravingFailure> {
        do throws(EngravingFailure) { return .success(try EngravedSVG.clean(document, name: name)) } catch { return .failure(error) }
    }

    /// One abcm2ps process over `sources`: the SVG documents it wrote, in order.
    func run(_ program: String, _ sources: [NotationSource]) async -> Result<[Substring], EngravingFailure> {
        await slots.acquire()
        defer { slots.release() }
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("songbridge-engrave-\(UUID().uuidString)")
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: false) } catch { return .failure(EngravingFailure("could not make a folder to draw in: \(error)")) }
        defer { try? fm.removeItem(at: folder) }
        let input = folder.appendingPathComponent("tunes.abc"), output = folder.appendingPathComponent("tunes.svg")
        do { try sources.map(\.abc).joined(separator: "\n").write(to: input, atomically: false, encoding: .utf8) } catch {
            return .failure(EngravingFailure("could not write the tunes to draw: \(error)"))
        }
        // -g: SVG, one a tune; -q: quiet; -O -: to standard output.
        let process = BoundedProcess(program: program, arguments: ["-g", "-q", "-O", "-", input.lastPathComponent], folder: folder, timeout: timeout)
        let status: Int32
        switch await process.run(output: output) {
        case .exited(let code): status = code
        case .timedOut: return .failure(.timedOut)
        case .couldNotStart(let why): return .failure(EngravingFailure("could not start the engraver: \(why)"))
        }
        let size = (try? fm.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        guard size <= maximumOutput else { return .failure(.tooLarge) }
        guard let data = fm.contents(atPath: output.path), let text = String(data: data, encoding: .utf8) else {
            return .failure(EngravingFailure("the engraver's drawing could not be read"))
        }
        let documents = EngravedSVG.documents(in: text)
        // abcm2ps exits 1 on a warning it calls an error (too many words for the notes) and still draws: what it
        // drew is kept; nothing drawn is a failure.
        guard !documents.isEmpty else { return .failure(EngravingFailure("the engraver could not draw this tune (exit \(status))")) }
        return .success(documents)
    }
}
