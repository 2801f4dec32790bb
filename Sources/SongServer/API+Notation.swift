import Arrangement
import Hummingbird
import Notation
import SongCore

extension API {
    /// GET /api/v1/songs/:id/notation?section=N[&key=K|&fit=G][&size=S]: one shown section's tune drawn as SVG (the
    /// public projection, its words as sung now), in the song's key, a key asked for, or the key that fits a choice
    /// of voices, as the song page's choices do. The SVG holds only notation, and is served so that even opened on
    /// its own it can run nothing.
    func notationSVG(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let q = request.uri.queryParameters
        let song = try publicSong(songID)
        guard let text = q.get("section"), let index = Int(text), index >= 0 else {
            throw HTTPError(.badRequest, message: "section must be a section's place on the page, from 0")
        }
        var key: Key?
        if let asked = q.get("key"), !asked.isEmpty {
            guard let parsed = Key(asked) else { throw HTTPError(.badRequest, message: "'\(asked)' is not a key (try G, Bb or F#m)") }
            key = parsed
        } else if let fit = q.get("fit"), !fit.isEmpty {
            var groups: [VoiceRange] = []
            for group in fit.split(separator: ",") {
                guard let range = VoiceRange(group: String(group)) else { throw HTTPError(.badRequest, message: "'\(group)' is not a voice group") }
                groups.append(range)
            }
            if let home = song.metadata.key ?? song.sections.compactMap(\.melody).first?.key, let found = Arranger.keyFit(song, groups: groups) {
                key = Transposition.bestKey(semitones: found.semitones, from: home)
            }
        }
        let size = NotationSource.Size(rawValue: q.get("size") ?? "page") ?? .page
        guard let drawing = await notation.drawing(song, section: index, key: key, size: size) else {
            throw HTTPError(.notFound, message: "song \(songID) has no tune to draw at section \(index)")
        }
        switch drawing {
        case .success(let engraving):
            return Response(status: .ok, headers: [
                .contentType: "image/svg+xml; charset=utf-8", .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
                .init("X-Content-Type-Options")!: "nosniff",
            ], body: .init(byteBuffer: ByteBuffer(string: engraving.svg)))
        case .failure(let failure) where failure.isTransient:
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "2"], message: failure.description)
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, message: failure.description)
        }
    }
}
