import Arrangement
import Notation
import Songbook
import SongCore
import SongSynth
import Transcription

/// Every route of the JSON API, once: the router registers from it, the OpenAPI document is made from it, and
/// query parameters are checked against it, so the three cannot drift apart (a test also calls every route on a
/// live server, and schemathesis fuzzes the live server against the document).
struct APIRoute: Sendable {
    enum Method: String, Sendable, CaseIterable { case get, post, patch }

    /// A query parameter and its schema.
    struct Parameter: Sendable {
        var name: String
        var schema: APISchema
        var about: String
        var required = false
        /// A value that works on the demo archive, shown in the document (and tried by fuzzers first).
        var example: String? = nil
    }

    /// A response the route may give.
    struct Reply: Sendable {
        var status: Int
        var about: String
        /// Its media types, comma-separated when it may be one of several.
        var type: String = "application/json"
        var schema: APISchema?
    }

    var method: Method
    /// Hummingbird path, with `:id` parameters.
    var path: String
    var summary: String
    /// Who may use it beyond loopback: anyone, facilitators (it names people or changes the archive), or signing in.
    var access: RouteAccess = .open
    var query: [Parameter] = []
    /// The JSON body it takes, if any.
    var body: APISchema?
    /// The largest body it reads.
    var maximumBody = SongLimits.requestBodyBytes
    /// The media types of a recording it takes as its body instead (a take), if any.
    var uploads: [String] = []
    /// A body that works on the demo archive (`make run`'s), as JSON text: shown in the document, and sent by a
    /// test to check that it does work.
    var example: String? = nil
    /// Its answers besides the refusals every route can give (400, 404; and for writes 401, 403, 413, 415).
    var replies: [Reply]
    /// What answers it.
    var handle: API.RouteHandler
    /// Whether its answers are kept in memory while the archive is unchanged (`AnswerCache`): a read whose answer
    /// depends on nothing but the archive, its reader and the request.
    var kept = false

    /// Whether the `:id` is text (a render's digest, a contributor's id) rather than a number.
    var idIsText: Bool { path.hasPrefix("api/v1/renders/") || path.hasPrefix("api/v1/contributors/") }

    /// An `:id` that exists in the demo archive, if there is one to name (a render's id is a digest, so none).
    var exampleID: String? {
        if path.hasPrefix("api/v1/songs/:id") || path.hasPrefix("api/v1/contributions/:id") { return "1" }
        if path.hasPrefix("api/v1/contributors/:id") { return "c-gj41" }
        return nil
    }

    /// The OpenAPI path (`{id}` for `:id`).
    var openAPIPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// Whether it changes the archive (and so needs a facilitator token beyond loopback).
    var writes: Bool { access == .write }

    /// Whether `path` (no query) is this route's path, `:id` matching any one segment, the rest in any case (as
    /// the router matches).
    func matches(path given: Substring) -> Bool {
        let want = path.split(separator: "/"), have = given.split(separator: "/")
        return want.count == have.count && zip(want, have).allSatisfy { $0.hasPrefix(":") || $0.lowercased() == $1.lowercased() }
    }

    // MARK: - The shapes of the answers

    static let stop = APISchema.object([("id", .string(), required: true), ("place", .string(), required: true), ("nation", .string(), required: true),
                                        ("venue", .string(), required: true), ("date", .string(), required: false), ("songs", .integer(minimum: 0), required: true)])
    static let session = APISchema.object([("id", .integer(minimum: 1), required: true), ("stop", .string(), required: true),
                                           ("date", .string(), required: false), ("contributions", .integer(minimum: 0), required: true)])
    static let person = APISchema.object([("id", .string(), required: true), ("credit", .string(), required: true),
                                          ("generation", .string(), required: true), ("role", .string(), required: true)])
    static let songSummary = APISchema.object([
        ("id", .integer(minimum: 1), required: true), ("title", .string(), required: true), ("place", .string(), required: false),
        ("nation", .string(), required: false), ("date", .string(), required: false), ("style", .string(), required: false),
        ("themes", .array(.string()), required: true), ("latestVersion", .integer(minimum: 0), required: true),
    ])
    static let segment = APISchema.object([("chord", .string(), required: true), ("text", .string(), required: true)])
    static let line = APISchema.object([("number", .integer(minimum: 0), required: true), ("words", .string(), required: true),
                                        ("chords", .string(), required: true), ("segments", .array(segment), required: true)])
    static let song = APISchema.object([
        ("id", .integer(minimum: 1), required: true), ("title", .string(), required: true), ("key", .string(), required: false),
        ("meter", .string(), required: false), ("tempo", .number(), required: false), ("place", .string(), required: false),
        ("nation", .string(), required: false), ("date", .string(), required: false), ("themes", .array(.string()), required: true),
        ("credits", .array(.string()), required: true), ("form", .array(.string()), required: true),
        ("sections", .array(.object([("label", .string(), required: true), ("kind", .string(), required: true),
                                     ("lines", .array(line), required: true), ("hasMelody", .boolean, required: true),
                                     ("tuneNote", .string(), required: false)])), required: true),
    ])
    static let change = APISchema.object([("kind", .string(enumeration: ["added", "removed", "changed"]), required: true), ("place", .string(), required: true),
                                          ("what", .string(), required: true), ("by", .array(.string()), required: true)])
    static let version = APISchema.object([("number", .integer(minimum: 1), required: true), ("createdAt", .string(), required: true),
                                           ("parents", .array(.integer(minimum: 1)), required: true),
                                           ("holdsWithdrawn", .boolean, required: true), ("changes", .array(change), required: true)])
    static let lineCue = APISchema.object([
        ("at", .number(minimum: 0), required: true), ("section", .string(), required: true), ("line", .integer(minimum: 0), required: true),
        ("syllables", .array(.object([("at", .number(minimum: 0), required: true), ("text", .string(), required: true)])), required: true),
    ])
    static let render = APISchema.object([
        ("id", .string(), required: true), ("song", .integer(minimum: 1), required: true), ("version", .integer(minimum: 1), required: true),
        ("status", .string(enumeration: ["queued", "rendering", "done", "failed"]), required: true), ("progress", .number(minimum: 0, maximum: 1), required: true),
        ("audio", .string(), required: false), ("stream", .string(), required: false), ("error", .string(), required: false),
        ("lines", .array(lineCue), required: true),
    ])
    static let created = APISchema.object([("id", .integer(minimum: 1), required: true)])
    static let takeID = APISchema.string(pattern: "^t-[0-9a-f]{16}$")
    static let placedNote = APISchema.object([("pitch", .integer(minimum: 0, maximum: 127), required: true),
                                              ("start", .number(minimum: 0, maximum: PlacedNote.latestStart), required: true),
                                              ("length", .number(minimum: 1.0 / 24, maximum: PlacedNote.longest), required: true)])
    static let tune = APISchema.object([("tempo", .number(minimum: 20, maximum: 400), required: true), ("meter", .string(maxLength: 10), required: true),
                                        ("key", .string(maxLength: 20), required: false), ("upbeat", .integer(minimum: 0, maximum: 12), required: false),
                                        ("notes", .array(placedNote, minItems: 1, maxItems: PlacedNote.most), required: true)])
    static let tuneHit = APISchema.object([
        ("kind", .string(enumeration: ["song", "reference"]), required: true), ("title", .string(), required: true),
        ("song", songSummary, required: false), ("version", .integer(minimum: 1), required: false), ("section", .string(), required: false),
        ("referenceTune", .integer(minimum: 1), required: false), ("collection", .string(), required: false), ("number", .integer(), required: false),
        ("similarity", .number(minimum: 0, maximum: 1), required: true), ("firstBar", .integer(minimum: 0), required: true),
        ("lastBar", .integer(minimum: 0), required: true), ("barCount", .integer(minimum: 0), required: true), ("upbeat", .boolean, required: true),
        ("tuneNotes", .array(.integer(minimum: 0), minItems: 2, maxItems: 2), required: true),
        ("queryNotes", .array(.integer(minimum: 0), minItems: 2, maxItems: 2), required: true),
    ])
    static let take = APISchema.object([
        ("take", takeID, required: true), ("seconds", .number(minimum: 0), required: true), ("tuningCents", .number(), required: true),
        ("tempo", .number(), required: true), ("meter", .string(), required: true), ("key", .string(), required: true), ("upbeat", .integer(minimum: 0), required: true),
        ("notes", .array(.object([("pitch", .integer(minimum: 0, maximum: 127), required: true), ("start", .number(minimum: 0), required: true),
                                  ("length", .number(minimum: 0), required: true), ("confidence", .number(minimum: 0, maximum: 1), required: true)])), required: true),
        ("abc", .string(), required: true),
    ])
    // The lists the API takes, from the model's own cases (a person's age group is never `unknown` when given;
    // a new person cannot be added as withdrawn).
    static let generations = Generation.allCases.filter { $0 != .unknown }.map(\.rawValue)
    static let consents = Consent.allCases.filter { $0 != .withdrawn }.map(\.rawValue)
    static let nations = TourStop.Nation.allCases.map(\.rawValue)
    /// Text that is not only spaces: a contribution's payload (the body is capped at 256 KiB anyway).
    static let words = APISchema.string(pattern: "\\S", maxLength: 100_000)
    /// Words in a query: short enough for a URL.
    static let queryWords = APISchema.string(pattern: "\\S", maxLength: 2_000)
    /// The largest number the API takes (JSON numbers are exact up to 2^53).
    static let largest = 9_007_199_254_740_991
    /// The styles and SoundFonts this server has, read once when it starts.
    static let styles = StyleLibrary.names
    static let soundFonts = SoundFontLibrary().all().map(\.name)

    /// The choices a song list and an export take: which songs.
    static let songFilters: [Parameter] = [
        Parameter(name: "stop", schema: .string(), about: "a stop's id", example: "machynlleth-2026-09"),
        Parameter(name: "nation", schema: .string(enumeration: nations), about: "a nation", example: "wales"),
        Parameter(name: "generation", schema: .string(enumeration: generations), about: "songs with a contribution from this age group", example: "child"),
        Parameter(name: "year", schema: .string(pattern: "^[0-9]{4}$"), about: "the stop's year", example: "2026"),
        Parameter(name: "style", schema: .string(), about: "the style a song is arranged in", example: "hymn"),
        Parameter(name: "theme", schema: .string(), about: "one of a song's themes, whole", example: "home"),
        Parameter(name: "q", schema: .string(maxLength: 500), about: "words to search for (titles, words, places, themes; accents ignored)", example: "cwm"),
    ]

    // MARK: - The routes

    static let all: [APIRoute] = everyRoute + syncRoutes

    static let everyRoute: [APIRoute] = [
        APIRoute(method: .get, path: "api/v1/stops", summary: "Tour stops, each with how many songs were written there",
                 replies: [Reply(status: 200, about: "The stops", schema: .array(stop))], handle: API.listStops, kept: true),
        APIRoute(method: .get, path: "api/v1/sessions", summary: "Sessions at the stops, with how many contributions each captured",
                 query: [Parameter(name: "stop", schema: .string(), about: "only this stop's sessions", example: "machynlleth-2026-09")],
                 replies: [Reply(status: 200, about: "The sessions", schema: .array(session))], handle: API.listSessions, kept: true),
        APIRoute(method: .post, path: "api/v1/sessions", summary: "Add a session at a stop (its notes stay private)", access: .write,
                 body: .object([("stop", .string(), required: true), ("date", .string(pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), required: false),
                                ("notes", .string(maxLength: 10_000), required: false)]),
                 example: #"{"stop": "machynlleth-2026-09", "date": "2026-09-18", "notes": "Second morning: the Year 4 class came back for the chorus."}"#,
                 replies: [Reply(status: 201, about: "Added", schema: created)], handle: API.addSession),
        APIRoute(method: .get, path: "api/v1/contributors", summary: "Who took part, each credited only as consent allows (withdrawn people left out)",
                 replies: [Reply(status: 200, about: "The people", schema: .array(person))], handle: API.listContributors),
        APIRoute(method: .post, path: "api/v1/contributors", summary: "Add a contributor (anonymous unless consent is given)", access: .write,
                 body: .object([("name", .string(maxLength: 200), required: false), ("generation", .string(enumeration: generations), required: false),
                                ("consent", .string(enumeration: consents), required: false), ("guardian", .boolean, required: false)]),
                 example: #"{"name": "Ffion Davies", "generation": "child", "consent": "first-name", "guardian": true}"#,
                 replies: [Reply(status: 201, about: "Added, with the credit consent allows",
                                 schema: .object([("id", .string(), required: true), ("credit", .string(), required: true)]))], handle: API.addContributor),
        APIRoute(method: .patch, path: "api/v1/contributors/:id",
                 summary: "Change how a person is credited, and whether a guardian agreed; withdrawn takes their work out of everything public (the person by archive id, or by the public id the list of people gives)",
                 access: .write,
                 body: .object([("consent", .string(enumeration: Consent.allCases.map(\.rawValue)), required: true), ("guardian", .boolean, required: false)]),
                 example: #"{"consent": "initials"}"#,
                 replies: [Reply(status: 200, about: "Changed, with the credit consent now allows (empty when withdrawn or anonymous as a child)",
                                 schema: .object([("id", .string(), required: true), ("credit", .string(), required: true)]))], handle: API.changeConsent),
        APIRoute(method: .post, path: "api/v1/contributors/:id/erase-takes",
                 summary: "Erase every recording (take) a person is heard in, when they ask; the tunes written down from them stay", access: .write,
                 replies: [Reply(status: 200, about: "Erased: how many takes went",
                                 schema: .object([("id", .string(), required: true), ("erased", .integer(minimum: 0), required: true)]))], handle: API.eraseTakes),
        APIRoute(method: .get, path: "api/v1/songs", summary: "Songs, by title: filter by stop, nation, generation, year, style, theme; search with q",
                 query: songFilters + [
                    Parameter(name: "limit", schema: .integer(minimum: 1, maximum: 200), about: "how many (50 unless given)", example: "20"),
                    Parameter(name: "offset", schema: .integer(minimum: 0, maximum: largest), about: "how many to skip", example: "0"),
                 ],
                 replies: [Reply(status: 200, about: "The songs", schema: .array(songSummary))], handle: API.listSongs, kept: true),
        APIRoute(method: .get, path: "api/v1/export",
                 summary: "The chosen songs (the same choices as the list; all when none) as one ZIP file: ChordPro, ABC and MIDI for each, an index.csv and a README, as the public may see them",
                 query: songFilters,
                 replies: [Reply(status: 200, about: "A ZIP file", type: "application/zip", schema: .binary)], handle: API.exportSongs),
        APIRoute(method: .get, path: "api/v1/songs/:id", summary: "A song's newest version, with credits as consent allows",
                 replies: [Reply(status: 200, about: "The song", schema: song)], handle: API.showSong, kept: true),
        APIRoute(method: .get, path: "api/v1/songs/:id/latest",
                 summary: "The newest version's number and when it was made: one quick lookup, for a page that watches for a new draft",
                 replies: [Reply(status: 200, about: "The newest version",
                                 schema: .object([("song", .integer(minimum: 1), required: true), ("version", .integer(minimum: 1), required: true),
                                                  ("createdAt", .string(), required: true)]))], handle: API.showLatestVersion),
        APIRoute(method: .get, path: "api/v1/songs/:id/versions", summary: "A song's versions, each with what changed since the one before (credited as consent allows)",
                 replies: [Reply(status: 200, about: "The versions, oldest first", schema: .array(version))], handle: API.listVersions),
        APIRoute(method: .get, path: "api/v1/songs/:id/chordpro", summary: "A song as ChordPro (public projection)",
                 replies: [Reply(status: 200, about: "The song sheet", type: "application/vnd.chordpro", schema: .string())], handle: API.downloadChordPro),
        APIRoute(method: .get, path: "api/v1/songs/:id/abc", summary: "A song as ABC: a tune per section with a melody, words aligned (public projection)",
                 replies: [Reply(status: 200, about: "The tunes", type: "text/vnd.abc", schema: .string())], handle: API.downloadABC),
        APIRoute(method: .get, path: "api/v1/songs/:id/musicxml",
                 summary: "A song as MusicXML 4.0 for notation software: the tune with every verse's words, chord symbols, key, time, tempo, repeats and credits (public projection)",
                 query: [Parameter(name: "format", schema: .string(enumeration: ["musicxml", "mxl"]), about: "mxl for compressed MusicXML", example: "mxl"),
                         Parameter(name: "parts", schema: .string(enumeration: ["true", "false"]), about: "true for the arrangement as a score: the tune and every accompaniment part, as played", example: "true"),
                         Parameter(name: "style", schema: .string(enumeration: styles), about: "with parts: the style to arrange in (the song's own unless given)")],
                 replies: [Reply(status: 200, about: "The score", type: "application/vnd.recordare.musicxml+xml, application/vnd.recordare.musicxml", schema: .string())], handle: API.downloadMusicXML),
        APIRoute(method: .post, path: "api/v1/songs/:id/musicxml",
                 summary: "A melody from notation software (MuseScore, Sibelius, Dorico) as a contribution: MusicXML or compressed .mxl as the body; its first part's tune with its words and chords, kept as ABC (proposed until accepted)",
                 access: .write,
                 query: [Parameter(name: "by", schema: .string(pattern: "^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$", maxLength: 2_000), about: "who wrote it: contributor ids, comma-separated", required: true, example: "c-sr05"),
                         Parameter(name: "section", schema: .string(maxLength: 200), about: "the section it is for", example: "Chorus"),
                         Parameter(name: "session", schema: .integer(minimum: 1), about: "the session it was captured in", example: "1")],
                 uploads: API.scoreTypes,
                 replies: [Reply(status: 201, about: "Added, with the tune as ABC", schema: .object([("id", .integer(), required: true), ("abc", .string(), required: true), ("notes", .integer(), required: true), ("skipped", .array(.string()), required: true)])),
                           Reply(status: 413, about: "Over 32 MB", schema: APISchema.error),
                           Reply(status: 422, about: "Not MusicXML Songbridge can read, or refused as hostile (entities, zip bombs); the reason names the line or element", schema: APISchema.error)], handle: API.contributeScore),
        APIRoute(method: .get, path: "api/v1/songbook",
                 summary: "The chosen songs as a PDF songbook: title page, contents, one song a page (two-page songs on facing pages), indexes by title, first line, and nation and stop (public projection, today's consent)",
                 query: [Parameter(name: "stop", schema: .string(maxLength: 200), about: "only this stop's songs", example: "machynlleth-2026-09"),
                         Parameter(name: "nation", schema: .string(enumeration: TourStop.Nation.allCases.map(\.rawValue)), about: "only this nation's songs", example: "wales"),
                         Parameter(name: "year", schema: .string(pattern: "^[0-9]{4}$"), about: "only this year's songs", example: "2026"),
                         Parameter(name: "generation", schema: .string(enumeration: Generation.allCases.map(\.rawValue)), about: "only songs this generation wrote in", example: "child"),
                         Parameter(name: "theme", schema: .string(maxLength: 100), about: "only songs on this theme", example: "seaside"),
                         Parameter(name: "style", schema: .string(enumeration: styles), about: "only songs in this style", example: "folk"),
                         Parameter(name: "q", schema: .string(maxLength: 200), about: "the songs a word search finds", example: "harbour"),
                         Parameter(name: "all", schema: .string(enumeration: ["true", "false"]), about: "true for every song", example: "true"),
                         Parameter(name: "profile", schema: .string(enumeration: SongbookProfile.allCases.map(\.rawValue)), about: "large-print (RNIB Clear Print), words-only or musician (notation)", example: "large-print"),
                         Parameter(name: "chords", schema: .string(enumeration: ["true", "false"]), about: "large-print: chords over the words", example: "false")],
                 replies: [Reply(status: 200, about: "The songbook", type: "application/pdf", schema: .binary),
                           Reply(status: 400, about: "No songs chosen", schema: APISchema.error),
                           Reply(status: 404, about: "No songs match, or too many", schema: APISchema.error),
                           Reply(status: 503, about: "A songbook is printing; ask again after Retry-After seconds", schema: APISchema.error)], handle: API.songbookPDF),
        APIRoute(method: .get, path: "api/v1/songs/:id/notation",
                 summary: "One section's tune engraved as SVG notation (abcm2ps), with its words under the notes and chords above, in the song's key or one asked for (public projection)",
                 query: [Parameter(name: "section", schema: .integer(minimum: 0, maximum: 500), about: "the section's place among those the song page shows, from 0", required: true, example: "0"),
                         Parameter(name: "key", schema: .string(pattern: "^[A-Ga-g][#b]?(m|min|maj|dor|mix|lyd|phr|loc|aeo|ion| ?[a-z]+)?$", maxLength: 20), about: "the key to draw it in", example: "A"),
                         Parameter(name: "fit", schema: .string(pattern: "^[a-z-]+(,[a-z-]+)*$", maxLength: 100), about: "draw it in the key that fits these voices (as for renders)", example: "child,older-adult"),
                         Parameter(name: "size", schema: .string(enumeration: NotationSource.Size.allCases.map(\.rawValue)), about: "page, or large-print", example: "page")],
                 replies: [Reply(status: 200, about: "The drawing", type: "image/svg+xml", schema: .string()),
                           Reply(status: 404, about: "No such song, or no tune at that section", schema: APISchema.error),
                           Reply(status: 422, about: "The tune could not be drawn", schema: APISchema.error),
                           Reply(status: 503, about: "The engraver is busy or slow; ask again after Retry-After seconds", schema: APISchema.error)], handle: API.notationSVG),
        APIRoute(method: .get, path: "api/v1/songs/:id/midi", summary: "The song arranged as a MIDI file with its words",
                 query: [Parameter(name: "style", schema: .string(enumeration: styles), about: "as for renders; the song's own style unless given", example: "hymn"),
                         Parameter(name: "karaoke", schema: .string(enumeration: ["true", "false"]), about: "true for a .kar file", example: "true")],
                 replies: [Reply(status: 200, about: "A Standard MIDI File (a .kar file with karaoke=true)", type: "audio/midi, audio/x-karaoke", schema: .binary)], handle: API.downloadMIDI),
        APIRoute(method: .post, path: "api/v1/songs/:id/contributions",
                 summary: "Capture a contribution (proposed until accepted): its payload as text, or a melody as placed notes (tune), referring to the take it came from",
                 access: .write,
                 body: .object([("by", .array(.string(), minItems: 1), required: true),
                                ("kind", .string(enumeration: Contribution.Kind.allCases.map(\.rawValue)), required: true),
                                ("payload", words, required: false), ("section", .string(maxLength: 200), required: false),
                                ("line", .integer(minimum: 1, maximum: 1_000_000), required: false), ("session", .integer(minimum: 1, maximum: largest), required: false),
                                ("take", takeID, required: false), ("tune", tune, required: false)]),
                 example: #"{"by": ["c-gj41"], "kind": "lyrics", "payload": "a'r afon fach yn canu'n iach,", "section": "Chorus"}"#,
                 replies: [Reply(status: 201, about: "Captured", schema: created)], handle: API.addContribution),
        APIRoute(method: .post, path: "api/v1/songs/:id/takes",
                 summary: "Send a take (a tune sung, hummed or played, as WAV, FLAC or OGG, at most 50 MB and 10 minutes): it is transcribed in the song's tempo, meter and key unless others are given, kept as personal data (never public; erased when a singer withdraws), and answered with its notes",
                 access: .write,
                 query: [Parameter(name: "by", schema: .string(pattern: "^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$", maxLength: 2_000), about: "who is heard in it: contributor ids, comma-separated", required: true, example: "c-gj41"),
                         Parameter(name: "section", schema: .string(maxLength: 200), about: "the section it is for", example: "Chorus"),
                         Parameter(name: "tempo", schema: .number(minimum: 20, maximum: 400), about: "quarter notes a minute", example: "96"),
                         Parameter(name: "meter", schema: .string(pattern: "^[0-9]{1,2}/[0-9]{1,2}$"), about: "the meter", example: "3/4"),
                         Parameter(name: "key", schema: .string(pattern: "^[A-Ga-g][#b]?(m|min|maj|dor|mix|lyd|phr|loc|aeo|ion| ?[a-z]+)?$", maxLength: 20), about: "the key", example: "G"),
                         Parameter(name: "upbeat", schema: .integer(minimum: 0, maximum: 12), about: "beats before the first bar line", example: "0")],
                 uploads: API.takeTypes,
                 replies: [Reply(status: 201, about: "Kept, with the notes heard (each with how sure the transcriber is) and the tune as ABC", schema: take),
                           Reply(status: 422, about: "Not a recording, or no sung notes in it; nothing was kept", schema: APISchema.error)], handle: API.addTake),
        APIRoute(method: .patch, path: "api/v1/contributions/:id", summary: "Accept or reject a contribution", access: .write,
                 body: .object([("status", .string(enumeration: Contribution.Status.allCases.filter { $0 != .proposed }.map(\.rawValue)), required: true)]),
                 example: #"{"status": "accepted"}"#,
                 replies: [Reply(status: 200, about: "Done", schema: created)], handle: API.setContributionStatus),
        APIRoute(method: .post, path: "api/v1/songs/:id/merge", summary: "Merge accepted contributions into a new version", access: .write,
                 replies: [Reply(status: 200, about: "The new version and the merge report",
                                 schema: .object([("version", .integer(minimum: 1), required: true), ("conflicts", .array(.string()), required: true),
                                                  ("merged", .integer(minimum: 0), required: true)]))], handle: API.mergeSong),
        APIRoute(method: .post, path: "api/v1/songs/:id/renders",
                 summary: "Ask for audio of the newest version; the same request gives the same job, and then the cached file",
                 body: .object([("style", .string(enumeration: styles), required: false), ("key", .string(), required: false), ("fit", .string(), required: false),
                                ("tempoScale", .number(minimum: 0.25, maximum: 4), required: false), ("soundFont", .string(enumeration: soundFonts), required: false),
                                ("format", .string(enumeration: ["wav", "flac", "ogg"]), required: false),
                                ("liftLastChorus", .integer(minimum: 0, maximum: 5), required: false)]),
                 example: #"{"fit": "child,older-adult", "tempoScale": 0.9, "format": "flac", "liftLastChorus": 1}"#,
                 replies: [Reply(status: 200, about: "Already rendered", schema: render), Reply(status: 202, about: "Queued or rendering", schema: render),
                           Reply(status: 503, about: "Too many renders waiting; ask again after Retry-After seconds", schema: APISchema.error)], handle: API.startRender),
        APIRoute(method: .get, path: "api/v1/renders/:id", summary: "A render's status and progress, and when each line of words is sung",
                 replies: [Reply(status: 200, about: "The render", schema: render),
                           Reply(status: 410, about: "What the render holds has changed (a consent changed since); ask for the song again", schema: APISchema.error)],
                 handle: API.showRender),
        APIRoute(method: .get, path: "api/v1/renders/:id/audio", summary: "A finished render's audio, with Range requests and an ETag",
                 query: [Parameter(name: "download", schema: .string(enumeration: ["true", "false"]), about: "true to save it as a file named after the song")],
                 replies: [Reply(status: 200, about: "The audio (audio/flac, audio/wav or audio/ogg)", type: "audio/*", schema: .binary),
                           Reply(status: 206, about: "A byte range of it", type: "audio/*", schema: .binary),
                           Reply(status: 304, about: "Not modified (If-None-Match)", type: "", schema: nil),
                           Reply(status: 409, about: "Not finished, or failed", schema: APISchema.error),
                           Reply(status: 410, about: "The cached file was removed; ask again", schema: APISchema.error),
                           Reply(status: 416, about: "The range is outside the file", type: "", schema: nil)], handle: API.renderAudio),
        APIRoute(method: .get, path: "api/v1/renders/:id/stream",
                 summary: "A render's audio as it is made: a WAV that plays from the start while the rest renders (the finished file once done)",
                 replies: [Reply(status: 200, about: "16-bit stereo WAV, sent as it is rendered; it stops short with an error if the render fails", type: "audio/wav", schema: .binary),
                           Reply(status: 303, about: "The render is done: its audio", type: "", schema: nil),
                           Reply(status: 409, about: "The render failed", schema: APISchema.error),
                           Reply(status: 410, about: "What the render holds has changed; ask again", schema: APISchema.error),
                           Reply(status: 503, about: "Too many listening to this render; ask again after Retry-After seconds", schema: APISchema.error)],
                 handle: API.renderStream),
        APIRoute(method: .get, path: "api/v1/lyrics/syllables", summary: "Syllables and stress of some words",
                 query: [Parameter(name: "text", schema: queryWords, about: "the words", required: true, example: "the harbour sleeps tonight")],
                 replies: [Reply(status: 200, about: "Each word's syllables, stresses and where they came from", schema: .anyObject)], handle: API.syllables),
        APIRoute(method: .get, path: "api/v1/lyrics/rhymes", summary: "Rhymes for a word, perfect first, common words first",
                 query: [Parameter(name: "word", schema: queryWords, about: "the word", required: true, example: "sea"),
                         Parameter(name: "near", schema: .string(enumeration: ["true", "false"]), about: "true to include near rhymes", example: "true"),
                         Parameter(name: "syllables", schema: .integer(minimum: 1, maximum: 12), about: "only rhymes of this many syllables", example: "1")],
                 replies: [Reply(status: 200, about: "The rhymes", schema: .array(.anyObject))], handle: API.rhymes),
        APIRoute(method: .post, path: "api/v1/facilitator", summary: "Sign a browser in with a facilitator token: sets a same-site cookie", access: .signIn,
                 body: .object([("token", .string(maxLength: 200), required: true)]),
                 replies: [Reply(status: 200, about: "Signed in", schema: .object([("facilitator", .boolean, required: true)])),
                           Reply(status: 401, about: "Not a token here", schema: APISchema.error),
                           Reply(status: 429, about: "Too many wrong tokens from this address; ask again after Retry-After seconds", schema: APISchema.error)], handle: API.signIn),
        APIRoute(method: .post, path: "api/v1/search/tune",
                 summary: "Find songs and reference tunes by a tune: ABC or placed notes as JSON, or a recording (sung, hummed, played) or MIDI file as the body; key and speed do not matter",
                 body: .object([("abc", .string(maxLength: 4000), required: false),
                                ("notes", .array(placedNote, minItems: 1, maxItems: SongLimits.tuneQueryNotes), required: false),
                                ("limit", .integer(minimum: 1, maximum: 50), required: false)]),
                 uploads: API.tuneSearchTypes, example: #"{"abc": "K:G\nGABc dBAG"}"#,
                 replies: [Reply(status: 200, about: "The hits, best first: every version of the tour's songs, and the reference tunebooks",
                                 schema: .object([("queryNotes", .integer(minimum: 0), required: true), ("close", .boolean, required: true),
                                                  ("hits", .array(tuneHit), required: true)])),
                           Reply(status: 422, about: "Too few notes to search with (at least 6), or a recording or MIDI file that does not read", schema: APISchema.error),
                           Reply(status: 503, about: "Too many tune searches at once; ask again after Retry-After seconds", schema: APISchema.error)],
                 handle: API.searchTune),
        APIRoute(method: .get, path: "api/v1/openapi.json", summary: "This document",
                 replies: [Reply(status: 200, about: "OpenAPI 3.1", schema: .anyObject)], handle: API.openAPIDocument),
    ]
}
