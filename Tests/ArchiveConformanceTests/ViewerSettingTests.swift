import Foundation
import PostgresArchive
@testable import SongArchive
import SongCore
import SongTesting
import Testing

/// On PostgreSQL a transaction's viewer is the setting its row-level security reads (`songbridge.organisation`),
/// set just before a statement run for a viewer other than the one set last (`ViewedSession.settle`). Each
/// statement runs as its own session's viewer, whatever ran before it in the transaction; a transaction that reads
/// nothing for a viewer sends no setting.
@Suite struct ViewerSettingTests {
    /// The setting each statement ran under, as PostgreSQL itself says, and the private names its policies let
    /// through, read with no condition of the archive's own (row-level security alone decides).
    @Test func eachStatementRunsAsItsSessionsViewerWhateverRanBefore() async throws {
        let archive = try TourArchive.open(try await TestPostgres.newDatabase(), source: "viewer setting test")
        let centre = try archive.addOrganisation(name: "Weymouth Day Centre")
        try TourArchive.$viewer.withValue(.organisation(centre.uid)) {
            _ = try archive.add(Contributor(id: "c-ann", name: "Ann Jones", generation: .olderAdult, role: .participant, consent: .firstName))
        }
        _ = try archive.add(Contributor(id: "c-bob", name: "Bob Hughes", generation: .olderAdult, role: .participant, consent: .firstName))
        let asked = "SELECT COALESCE(current_setting('songbridge.organisation', true), ''), (SELECT string_agg(name, ',' ORDER BY name) FROM personalName)"
        func seen(_ db: any SQLSession) throws -> String {
            let row = try #require(try db.rows(asked, []).first)
            return "\(row[0] as String? ?? "?")|\(row[1] as String? ?? "")"
        }
        let seenInTurn = try archive.backend.read { base -> [String] in
            let viewed = try ViewedSession.open(base, as: .organisation(centre.uid))
            var seenInTurn = [try seen(viewed)]
            seenInTurn.append(try TourArchive.asEveryone(viewed) { try seen($0) })
            seenInTurn.append(try seen(viewed))
            seenInTurn.append(try viewed.acting(as: .nobody) { try seen($0) })
            seenInTurn.append(try viewed.acting(as: .home) { try seen($0) })
            seenInTurn.append(try seen(viewed))
            return seenInTurn
        }
        #expect(seenInTurn == ["\(centre.uid)|Ann Jones", "*|Ann Jones,Bob Hughes", "\(centre.uid)|Ann Jones", "|", "home|Bob Hughes",
                               "\(centre.uid)|Ann Jones"])
        // A reader who sees nobody's rows needs no setting: the transaction's is empty from its start.
        let nobody = try archive.backend.read { base in try seen(try ViewedSession.open(base, as: .nobody)) }
        #expect(nobody == "|")
    }

    /// A statement sent ahead and one asked (`ask`) run as their session's viewer too.
    @Test func statementsSentAheadAndAskedRunAsTheirViewer() async throws {
        let archive = try TourArchive.open(try await TestPostgres.newDatabase(), source: "viewer setting test")
        let settings = try archive.backend.read { base -> [String] in
            let viewed = try ViewedSession.open(base, as: .home)
            let asEveryone = try TourArchive.asEveryone(viewed) { try $0.ask("SELECT current_setting('songbridge.organisation', true)", []) }
            let asHome = try viewed.ask("SELECT current_setting('songbridge.organisation', true)", [])
            let now = try viewed.rows("SELECT current_setting('songbridge.organisation', true)", []).first?[0] as String?
            return [try asEveryone().first?[0] as String?, try asHome().first?[0] as String?, now].map { $0 ?? "?" }
        }
        #expect(settings == ["*", "home", "home"])
    }
}
