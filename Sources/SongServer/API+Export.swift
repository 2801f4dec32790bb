import Arrangement
import Foundation
import Hummingbird
import MusicXMLFiles
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// Songs taken away: a chosen set as one ZIP file, one song as ChordPro, ABC or MIDI.
extension API {
    /// GET /api/v1/export
    func exportSongs(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let q = request.uri.queryParameters
        let chosen = APIRoute.songFilters.compactMap { p in q.get(p.name).flatMap { $0.isEmpty ? nil : (p.name, $0) } }
        return try await export(chosen)
    }

    /// GET /api/v1/songs/:id/chordpro
    func downloadChordPro(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let song = try publicSong(try id(c))
        return download(Array(ChordProWriter.write(song).utf8), type: "application/vnd.chordpro; charset=utf-8", name: fileName(song, "cho"))
    }

    /// GET /api/v1/songs/:id/abc
    func downloadABC(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let song = try publicSong(try id(c))
        return download(Array(ABCWriter.write(ABCTuneBook(song: song)).utf8), type: "text/vnd.abc; charset=utf-8", name: fileName(song, "abc"))
    }

    /// GET /api/v1/songs/:id/musicxml[?format=mxl][&parts=true[&style=S]]: the tune with its words and chords for
    /// notation software (public projection), plain or compressed; with parts, the arrangement as a score for the band.
    func downloadMusicXML(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let song = try publicSong(try id(c))
        let q = request.uri.queryParameters
        let xml: String
        if q.get("parts") == "true" {
            // The arrangement as a score for the band, in the song's own style or the one asked for.
            do { xml = ArrangementScoreWriter.write(try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: q.get("style"), for: song)))) } catch {
                throw HTTPError(.badRequest, message: "\(error)")
            }
        } else {
            xml = MusicXMLWriter.write(song)
        }
        if q.get("format") == "mxl" {
            return download(Array(try MXLPackage.pack(xml)), type: MXLPackage.mediaType, name: fileName(song, "mxl"))
        }
        return download(Array(xml.utf8), type: "application/vnd.recordare.musicxml+xml", name: fileName(song, "musicxml"))
    }

    /// GET /api/v1/songs/:id/midi
    func downloadMIDI(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let q = request.uri.queryParameters
        let song = try publicSong(songID)
        let karaoke = q.get("karaoke") == "true"
        let performance: Performance
        do { performance = try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: q.get("style"), for: song))) } catch {
            throw HTTPError(.badRequest, message: "\(error)")
        }
        let bytes = MIDIFile(performance: performance, options: MIDIWriteOptions(karaoke: karaoke)).data()
        return download(bytes, type: karaoke ? "audio/x-karaoke" : "audio/midi", name: fileName(song, karaoke ? "kar" : "mid"))
    }

    /// The most songs one export takes: a tour's worth, made in a few seconds.
    static let exportLimit = SongLimits.exportSongs

    /// The songs chosen by `chosen` (name and value of the list's filters; a search when `q` is among them) as a
    /// ZIP file, made on the render threads so requests are still answered meanwhile.
    func export(_ chosen: [(String, String)]) async throws -> Response {
        let get: (String) -> String? = { name in chosen.first { $0.0 == name }?.1 }
        let archive = self.archive
        let songs = try get("q").map { text in try archive.search(text, limit: Self.exportLimit + 1) }
            ?? archive.list(stop: get("stop"), nation: get("nation"), generation: get("generation"), year: get("year"),
                            style: get("style"), theme: get("theme"), limit: Self.exportLimit + 1)
        guard songs.count <= Self.exportLimit else {
            throw HTTPError(.badRequest, message: "more than \(Self.exportLimit) songs chosen; choose fewer (by nation, stop or year) for one export")
        }
        let parts = get("q").map { ["search", $0] } ?? chosen.map(\.1)
        let name = (["songbridge"] + parts.map(TourArchive.fileName)).joined(separator: "-")
        let about = get("q").map { "the songs found searching for \u{201C}\($0)\u{201D}" }
            ?? (chosen.isEmpty ? "every song of the tour" : "the songs chosen by " + chosen.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        let zip = TourZip(name: name, chosen: about)
        let data = try await Task(executorPreference: RenderJobs.threads) { () throws -> Data in
            try zip.make(songs, from: archive)
        }.value
        return download(Array(data), type: "application/zip", name: name + ".zip")
    }
}
