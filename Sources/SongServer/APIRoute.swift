/// Every route of the JSON API, once: the router registers from it and the OpenAPI document is made from it,
/// so the two cannot drift apart (a test also calls every route on a live server).
struct APIRoute: Sendable {
    enum Method: String, Sendable { case get, post, patch }
    var method: Method
    /// Hummingbird path, with `:id` parameters.
    var path: String
    var summary: String
    /// Whether it changes the archive (and so needs the token beyond loopback).
    var writes: Bool = false
    /// Query parameters it reads.
    var query: [String] = []

    /// The OpenAPI path (`{id}` for `:id`).
    var openAPIPath: String {
        path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/").replacingOccurrences(of: "api", with: "/api", options: .anchored)
    }

    static let all: [APIRoute] = [
        APIRoute(method: .get, path: "api/v1/stops", summary: "Tour stops"),
        APIRoute(method: .get, path: "api/v1/sessions", summary: "Sessions at the stops (stop= for one stop), with how many contributions each captured", query: ["stop"]),
        APIRoute(method: .post, path: "api/v1/sessions", summary: "Add a session: stop, date (YYYY-MM-DD), notes", writes: true),
        APIRoute(method: .get, path: "api/v1/contributors", summary: "Who took part, each credited only as consent allows (withdrawn people left out)"),
        APIRoute(method: .get, path: "api/v1/songs", summary: "Songs: filter by stop, nation, generation, year, style, theme; search with q; page with limit and offset",
                 query: ["stop", "nation", "generation", "year", "style", "theme", "q", "limit", "offset"]),
        APIRoute(method: .get, path: "api/v1/songs/:id", summary: "A song's newest version, with credits as consent allows"),
        APIRoute(method: .get, path: "api/v1/songs/:id/versions", summary: "A song's versions, each with what changed since the one before (credited as consent allows)"),
        APIRoute(method: .get, path: "api/v1/songs/:id/chordpro", summary: "A song as ChordPro (public projection)"),
        APIRoute(method: .get, path: "api/v1/songs/:id/abc", summary: "A song as ABC: a tune per section with a melody, words aligned (public projection)"),
        APIRoute(method: .get, path: "api/v1/songs/:id/midi",
                 summary: "The song arranged as a MIDI file with its words (karaoke=true for .kar; style as for renders)", query: ["style", "karaoke"]),
        APIRoute(method: .post, path: "api/v1/contributors",
                 summary: "Add a contributor: name, generation, consent (anonymous unless given), guardian", writes: true),
        APIRoute(method: .post, path: "api/v1/songs/:id/contributions", summary: "Capture a contribution", writes: true),
        APIRoute(method: .patch, path: "api/v1/contributions/:id", summary: "Accept or reject a contribution", writes: true),
        APIRoute(method: .post, path: "api/v1/songs/:id/merge", summary: "Merge accepted contributions into a new version", writes: true),
        APIRoute(method: .post, path: "api/v1/songs/:id/renders",
                 summary: "Ask for audio of the newest version: style, key, fit, tempoScale, soundFont, format (wav, flac, ogg); the same request gives the same job"),
        APIRoute(method: .get, path: "api/v1/renders/:id", summary: "A render's status and progress"),
        APIRoute(method: .get, path: "api/v1/renders/:id/audio", summary: "A finished render's audio, with Range requests and an ETag (download=true to save it as a file)", query: ["download"]),
        APIRoute(method: .get, path: "api/v1/lyrics/syllables", summary: "Syllables and stress of some words", query: ["text"]),
        APIRoute(method: .get, path: "api/v1/lyrics/rhymes", summary: "Rhymes for a word", query: ["word", "near", "syllables"]),
        APIRoute(method: .post, path: "api/v1/facilitator", summary: "Sign a browser in with a facilitator token: sets a same-site cookie"),
        APIRoute(method: .get, path: "api/v1/openapi.json", summary: "This document"),
    ]
}

import Foundation
