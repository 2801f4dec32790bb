import Hummingbird
import NIOCore
import SongArchive
import Synchronization

/// Answers to the busiest reads (a song, its page, a search) kept in memory, each under the archive's generation
/// at the time it was made (`TourArchive.generation`), whose reader (`TourArchive.viewer`) and exact request
/// target. A request for a target kept before reads the generation first, in one statement: while nothing has been
/// written, by this server or by any other process on the same archive, the kept answer is the answer; after any
/// write, a consent withdrawn from the command line included, the generation differs and the answer is made again
/// from the archive. A target not kept is made at once, and the generation it is kept under is the one its first
/// read transaction saw, read in that transaction (`TourArchive.withGeneration`): on PostgreSQL a song page no one
/// asked for yet waits for two answers, not three, and takes one connection, not two.
///
/// Only whole `200` answers are kept, up to `largest` bytes each, and none that says `Cache-Control: no-store` (a
/// page whose notation failed for a passing reason). One answer is kept a target, the newest made. At most
/// `budget` bytes are kept in all: when the next would pass it, the cache starts again (as `BoundedCache` does),
/// which suits a tour's few busy songs.
final class AnswerCache: Sendable {
    struct Key: Hashable, Sendable {
        var viewer: ArchiveViewer
        var target: String
        var generation: String

        /// What one answer is kept under, whatever its generation.
        var place: Place { Place(viewer: viewer, target: target) }
    }

    struct Place: Hashable, Sendable {
        var viewer: ArchiveViewer
        var target: String
    }

    struct Answer: Sendable {
        var headers: HTTPFields
        var body: ByteBuffer
    }

    private let answers = Mutex<(table: [Place: (generation: String, answer: Answer)], bytes: Int)>(([:], 0))
    /// The largest answer kept (a song page with its notation is about 40 KB).
    static let largest = 1024 * 1024
    /// The most kept in all (a server on a laptop beside the renders and the melodic index).
    static let budget = 32 * 1024 * 1024

    /// How many bytes are kept now (with each answer's overhead).
    var bytesKept: Int { answers.withLock { $0.bytes } }

    /// The answer kept under `key`, if any.
    func get(_ key: Key) -> Answer? {
        answers.withLock { held in held.table[key.place].flatMap { $0.generation == key.generation ? $0.answer : nil } }
    }

    /// Whether an answer is kept for `place`, of any generation.
    func holds(_ place: Place) -> Bool { answers.withLock { $0.table[place] != nil } }

    /// What keeping `answer` under `key` counts against the budget: its bytes, its target's and a little for the rest.
    static func size(_ key: Key, _ answer: Answer) -> Int { answer.body.readableBytes + key.target.utf8.count + 256 }

    /// Keeps `answer` under `key`, in place of the one kept for its target before, within the budget.
    func put(_ key: Key, _ answer: Answer) {
        let size = Self.size(key, answer)
        answers.withLock { held in
            if held.bytes + size > Self.budget { held = ([:], 0) }
            if let old = held.table.updateValue((key.generation, answer), forKey: key.place) { held.bytes -= Self.size(key, old.answer) }
            held.bytes += size
        }
    }

    /// The kept answer to `request` if nothing has been written since it was made; otherwise `make`'s, kept.
    func answer(_ request: Request, archive: TourArchive, _ make: @Sendable () async throws -> Response) async throws -> Response {
        let place = Place(viewer: TourArchive.viewer, target: request.uri.description)
        var response: Response
        let generation: String?
        if holds(place) {
            // (Read before the answer is made, so an answer is never older than the generation it is kept under.)
            let key = Key(viewer: place.viewer, target: place.target, generation: try archive.generation())
            if let kept = get(key) { return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body)) }
            (response, generation) = (try await make(), key.generation)
        } else {
            (response, generation) = try await archive.withGeneration(make)
        }
        guard let generation, response.status == .ok, let length = response.body.contentLength, length <= Self.largest,
              response.headers[.cacheControl]?.contains("no-store") != true else { return response }
        let collector = Collector()
        try await response.body.write(collector)
        response.body = .init(byteBuffer: collector.bytes.buffer)
        put(Key(viewer: place.viewer, target: place.target, generation: generation), Answer(headers: response.headers, body: collector.bytes.buffer))
        return response
    }

    /// A body's bytes, gathered.
    final class Gathered { var buffer = ByteBuffer() }

    /// Gathers a body that is already whole in memory (a JSON or HTML answer).
    struct Collector: ResponseBodyWriter {
        let bytes = Gathered()
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            bytes.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
