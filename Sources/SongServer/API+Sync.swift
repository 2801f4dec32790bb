import Foundation
import Hummingbird
import SongArchive

/// Syncing the tour's laptops over the network: the changes this laptop holds, and another's taken in.
extension API {
    /// GET /api/v1/sync/changes
    func syncChangesOut(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let after = request.uri.queryParameters.get("after").flatMap { Int($0) }
        return try json(try archive.syncChanges(after: after))
    }

    /// POST /api/v1/sync/batch
    func syncBatch(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let changes = try await decode(SyncChanges.self, request, checkedBy: route)
        return try json(try archive.takeIn(changes))
    }
}
