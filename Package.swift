// swift-tools-version: 6.1
import PackageDescription

/// One set of Swift settings for every target, so the whole package keeps the same rules.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The same, optimised in debug builds too, for the targets that crunch numbers: the tests run them on many rendered
/// takes through the debug CLI, where unoptimised pitch tracking ran 48 times slower (14 s for a 31 s take, against
/// 0.3 s) and the transcription tests took a third of `make test`.
let optimisedInDebug: [SwiftSetting] = swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Songbridge",
    // Mutex (Synchronization) needs macOS 15; on Linux, libfluidsynth.so.3 and libsndfile from Debian.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SongCore", targets: ["SongCore"]),
        .library(name: "SongText", targets: ["SongText"]),
        .library(name: "SongMIDI", targets: ["SongMIDI"]),
        .library(name: "Arrangement", targets: ["Arrangement"]),
        .library(name: "SongSynth", targets: ["SongSynth"]),
        .library(name: "Lyrics", targets: ["Lyrics"]),
        .library(name: "SongArchive", targets: ["SongArchive"]),
        .library(name: "SongServer", targets: ["SongServer"]),
        .executable(name: "songbridge", targets: ["songbridge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Exactly one trait, or SwiftPM rebuilds Hummingbird on every switch between build and test.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The OpenAPI document, built as typed values and validated; without its ExternalLoading trait (not needed,
        // and it costs compile time).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        // Already a dependency of Hummingbird; named for NIOCore (the server's byte buffers) and NIOEmbedded, which
        // the router tests use (no network).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The laptop's own certificate authority for HTTPS to tablets (X.509 made in process; P-256 keys).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // TLS for the server (BoringSSL inside; Hummingbird's TLS channel is built on it).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // ZIP files for archivists' exports (zlib from Debian's zlib1g-dev).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The central archive's PostgreSQL backend.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The HTTP client a laptop syncs with (already there for the server tests, through HummingbirdTesting).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The tests' live servers run in a service group, to be shut down gracefully (LiveServer.stop).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The domain core: music theory, time, melody, lyrics, structure, people. Foundation only.
        .target(name: "SongCore", swiftSettings: swiftSettings),
        // ChordPro and ABC readers and writers, with source diagnostics.
        .target(name: "SongText", dependencies: ["SongCore"], swiftSettings: swiftSettings),
        // Standard MIDI Files: reader and writer, lyric and karaoke text events.
        .target(name: "SongMIDI", dependencies: ["SongCore"], swiftSettings: swiftSettings),
        // Pronunciation, syllables, stress, rhyme and words against the tune, in English and Welsh.
        .target(
            name: "Lyrics",
            dependencies: ["SongCore"],
            resources: [
                .copy("Resources/lexicon.bin"), .copy("Resources/british-overrides.txt"),
                .copy("Resources/LICENSE-cmudict.txt"), .copy("Resources/LICENSE-wordfreq.txt"),
            ],
            swiftSettings: swiftSettings
        ),
        // The tour's archive in SQLite (GRDB): stops, people, songs, contributions, versions, search.
        .target(
            name: "SongArchive",
            dependencies: ["SongCore", "SongText", "SongMerge", "MelodicSearch", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Merging contributions into a new version: reading each contribution's payload, and the merge with its report.
        // The archive on PostgreSQL (the charity's central archive): the same archive logic over postgres-nio.
        .target(
            name: "PostgresArchive",
            dependencies: ["SongArchive", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .target(name: "SongMerge", dependencies: ["SongCore", "SongText", "Lyrics"], swiftSettings: swiftSettings),
        // A choice of songs as one ZIP file (ChordPro, ABC, MIDI, an index), through the consent projection.
        .target(
            name: "TourExport",
            dependencies: ["SongCore", "SongText", "SongMIDI", "Arrangement", "SongArchive", "ZipFiles"],
            swiftSettings: swiftSettings
        ),
        // The local HTTP endpoint and web pages: JSON API, pages, render jobs. The CLI only starts it.
        .target(
            name: "SongServer",
            dependencies: [
                "SongCore", "SongText", "SongArchive", "PostgresArchive", "Arrangement", "Lyrics", "SongMIDI", "SongSynth", "TourExport", "Transcription", "Notation", "Songbook", "MusicXMLFiles", "CIOPriority",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Public")],
            swiftSettings: swiftSettings
        ),
        // A certificate authority made once per laptop, limited to private addresses and .local names, and the
        // server certificate it issues at each start for the addresses the laptop has at that venue.
        .target(
            name: "LocalAuthority",
            dependencies: [.product(name: "X509", package: "swift-certificates"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Audio to notes: a take sung, hummed or played, transcribed (probabilistic YIN, Viterbi, notes, tuning).
        .target(name: "Transcription", dependencies: ["SongCore", "SongMIDI", "SongText", "MelodicSearch"], swiftSettings: optimisedInDebug),
        // Notation: a song's tunes engraved as SVG by abcm2ps (bounded, its drawing checked), for pages and songbooks.
        .target(name: "Notation", dependencies: ["SongCore", "SongText"], swiftSettings: swiftSettings),
        // Songbooks: songs chosen from the archive, laid out for a profile (large print, words only, musician) with
        // contents and indexes, printed to PDF by headless Chromium.
        .target(name: "Songbook", dependencies: ["SongCore", "SongText", "Notation", "Arrangement", "Lyrics", "SongArchive"], swiftSettings: swiftSettings),
        // MusicXML files in and out: a musician's score (.musicxml or .mxl) read into a melody, safely (no DTD, no
        // entities, no zip bombs), and a score packed as a compressed .mxl.
        .target(name: "MusicXMLFiles", dependencies: ["SongCore", "SongText", "ZipFiles"], swiftSettings: swiftSettings),
        // A laptop syncing with another's server over HTTP(S): push its changes, pull theirs, resume where it stopped.
        .target(name: "SyncClient", dependencies: ["SongArchive", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                    .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOHTTP1", package: "swift-nio")],
                swiftSettings: swiftSettings),
        // ZIP files written in one pass and read with care (no paths leaving the folder, no links, no zip bombs):
        // for the export, compressed MusicXML and sync bundles.
        .target(name: "ZipFiles", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: swiftSettings),
        // Finding a tune by its notes: shapes (intervals and rhythm ratios), n-grams, local alignment. Foundation only.
        .target(name: "MelodicSearch", dependencies: ["SongCore"], swiftSettings: optimisedInDebug),
        // Turning a song into a performance: form, styles, voicing.
        .target(name: "Arrangement", dependencies: ["SongCore", "Lyrics"], resources: [.copy("Resources/Styles")], swiftSettings: swiftSettings),
        // C libraries, each imported by SongSynth alone.
        // Headers only: SongSynth opens the libraries with dlopen when it first renders, so other commands start fast.
        .systemLibrary(name: "CFluidSynth", providers: [.apt(["libfluidsynth-dev"])]),
        .systemLibrary(name: "CSndFile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CVorbis", providers: [.apt(["libvorbis-dev", "libogg-dev"])]),
        .systemLibrary(name: "CALSA", providers: [.apt(["libasound2-dev"])]),
        // Linux's I/O priority calls (a header of inline functions; nothing to link): SongServer's FileWarmer reads
        // at the idle priority.
        .systemLibrary(name: "CIOPriority"),
        // A MIDI keyboard heard through the ALSA sequencer, for `songbridge capture --keyboard`.
        .target(name: "KeyboardCapture", dependencies: ["CALSA", "Transcription"], swiftSettings: swiftSettings),
        // Offline rendering through libfluidsynth, SoundFont discovery, audio files.
        .target(
            name: "SongSynth",
            dependencies: ["CFluidSynth", "CSndFile", "CVorbis", "SongCore", "SongMIDI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: optimisedInDebug
        ),
        // The CLI: thin commands over the libraries.
        .executableTarget(
            name: "songbridge",
            dependencies: [
                "SongCore", "SongText", "SongMIDI", "Arrangement", "SongSynth", "Lyrics", "SongArchive", "PostgresArchive", "SongServer", "TourExport",
                "Transcription", "LocalAuthority", "KeyboardCapture", "MelodicSearch", "Notation", "Songbook", "MusicXMLFiles", "SyncClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared helpers for tests, the fuzzer and the benchmarks (not a product).
        .target(name: "SongTesting", dependencies: ["SongCore", "SongText", "SongMIDI", "MelodicSearch"], swiftSettings: swiftSettings),
        // Benchmarks and the long fuzz run: `make bench`, `make fuzz`.
        .executableTarget(
            name: "songbridge-dev",
            dependencies: [
                "SongCore", "SongText", "SongTesting", "SongMIDI", "Arrangement", "SongSynth", "Lyrics", "SongArchive", "Transcription", "MelodicSearch",
                "Notation", "Songbook", "TourExport", "PostgresArchive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveConformanceTests",
            dependencies: ["SongArchive", "PostgresArchive", "SongCore", "SongText", "SongTesting", "Transcription"],
            swiftSettings: swiftSettings),
        .testTarget(name: "SongCoreTests", dependencies: ["SongCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SongbookTests", dependencies: ["Songbook", "Notation", "SongArchive", "SongCore", "SongText", "SongTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "MusicXMLFilesTests", dependencies: ["MusicXMLFiles", "SongCore", "SongText", "SongTesting", .product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: swiftSettings),
        .testTarget(name: "NotationTests", dependencies: ["Notation", "SongCore", "SongText", "SongTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "TranscriptionTests", dependencies: ["Transcription", "SongCore", "SongText", "SongTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SongTextTests",
            dependencies: ["SongCore", "SongText", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongMIDITests",
            dependencies: ["SongCore", "SongText", "SongMIDI", "Arrangement", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongSynthTests",
            dependencies: ["SongCore", "SongText", "SongMIDI", "Arrangement", "SongSynth", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LyricsTests",
            dependencies: ["SongCore", "SongText", "Lyrics", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArrangementTests",
            dependencies: ["SongCore", "SongText", "SongMIDI", "Arrangement", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongArchiveTests",
            dependencies: ["SongCore", "SongText", "SongArchive", "SongTesting", "TourExport", "MelodicSearch", "Transcription", "ZipFiles"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongServerTests",
            dependencies: [
                "SongCore", "SongText", "SongArchive", "SongServer", "SongTesting", "LocalAuthority", "Transcription", "MelodicSearch", "Notation", "Songbook", "MusicXMLFiles", "CIOPriority",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongbridgeTests",
            dependencies: ["SongCore", "SongText", "SongMIDI", "SongSynth", "Transcription", "SongTesting", "SongArchive", "PostgresArchive", "songbridge",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
