// swift-tools-version: 6.1
import PackageDescription

/// One set of Swift settings for every target, so the whole package keeps the same rules.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Songbridge",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SongCore", targets: ["SongCore"]),
        .library(name: "SongText", targets: ["SongText"]),
        .executable(name: "songbridge", targets: ["songbridge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The domain core: music theory, time, melody, lyrics, structure, people. Foundation only.
        .target(name: "SongCore", swiftSettings: swiftSettings),
        // ChordPro and ABC readers and writers, with source diagnostics.
        .target(name: "SongText", dependencies: ["SongCore"], swiftSettings: swiftSettings),
        // The CLI: thin commands over the libraries.
        .executableTarget(
            name: "songbridge",
            dependencies: [
                "SongCore", "SongText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared helpers for tests, the fuzzer and the benchmarks (not a product).
        .target(name: "SongTesting", dependencies: ["SongCore", "SongText"], swiftSettings: swiftSettings),
        // Benchmarks and the long fuzz run: `make bench`, `make fuzz`.
        .executableTarget(
            name: "songbridge-dev",
            dependencies: [
                "SongCore", "SongText", "SongTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SongCoreTests", dependencies: ["SongCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SongTextTests",
            dependencies: ["SongCore", "SongText", "SongTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SongbridgeTests",
            dependencies: ["SongCore", "SongText", "SongTesting", "songbridge"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
