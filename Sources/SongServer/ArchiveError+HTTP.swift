import Hummingbird
import SongArchive

/// An archive's refusal as an HTTP answer, decided by its kind (DESIGN's table of kinds), here and nowhere else:
/// handlers just `try` the archive. The body is the server's usual `{"error": {"message": …}}`.
///
/// One departure from the table: a write that fails (disk full) answers 503 with Retry-After, not 500, because the
/// brief holds that the server never answers 500, and the archive was left as it was, so trying again is right.
/// The message is the archive's `publicMessage`: it never names the archive's file or PostgreSQL server. The whole
/// message of a 503 goes to the server's log instead (`ArchiveTrouble`).
extension ArchiveError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .invalid: .badRequest
        case .tooLarge: .contentTooLarge
        case .conflict: .conflict
        case .busy, .readOnly, .unavailable, .cannotWrite: .serviceUnavailable
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let headers: HTTPFields = status == .serviceUnavailable ? [.retryAfter: "5"] : [:]
        if status == .serviceUnavailable { ArchiveTrouble.shared.log(message, on: context.logger) }
        // Where the archive is stays on the server's machine: the client is told what happened, not the file or server.
        return try HTTPError(status, headers: headers, message: publicMessage).response(from: request, context: context)
    }
}
