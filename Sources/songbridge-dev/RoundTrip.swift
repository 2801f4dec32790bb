import ArgumentParser
import Foundation
import SongCore
import SongText

/// `songbridge-dev roundtrip FILE`: reads an ABC file, writes it, reads it back, and shows the first difference.
struct RoundTrip: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain why an ABC file does not round-trip.")

    @Argument(help: "An ABC or ChordPro file.")
    var file: String

    func run() throws {
        if file.hasSuffix(".cho") { try chordPro(); return }
        let book = try ABCReader.read(SourceText(contentsOf: URL(fileURLWithPath: file))).value
        let written = ABCWriter.write(book)
        let again: ABCTuneBook
        do { again = try ABCReader.read(written, name: "rewritten").value } catch {
            print("the rewritten text does not read:\n\(error)\n--- rewritten ---\n\(written)")
            return
        }
        guard again.tunes.count == book.tunes.count else {
            print("tune count \(book.tunes.count) became \(again.tunes.count)\n--- rewritten ---\n\(written)")
            return
        }
        for (a, b) in zip(book.tunes, again.tunes) where a != b {
            print("tune X:\(a.reference ?? 0) differs")
            if a.fields != b.fields { print("fields: \(a.fields) vs \(b.fields)") }
            if a.words != b.words { print("words: \(a.words) vs \(b.words)") }
            var ma = a.melody, mb = b.melody
            if ma.elements != mb.elements {
                let i = zip(ma.elements, mb.elements).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ma.elements.count, mb.elements.count)
                print("element \(i) of \(ma.elements.count)/\(mb.elements.count):")
                print("  read:    \(i < ma.elements.count ? String(describing: ma.elements[i]) : "-")")
                print("  re-read: \(i < mb.elements.count ? String(describing: mb.elements[i]) : "-")")
                ma.elements = []
                mb.elements = []
            }
            if ma != mb { print("header: \(ma) vs \(mb)") }
            print("--- rewritten ---\n\(ABCWriter.write(a))")
            return
        }
        print("round trip holds")
    }

    func chordPro() throws {
        let songs = try ChordProReader.read(SourceText(contentsOf: URL(fileURLWithPath: file))).value
        let written = ChordProWriter.write(songs)
        let again: [Song]
        do { again = try ChordProReader.read(written, name: "rewritten").value } catch {
            print("the rewritten text does not read:\n\(error)\n--- rewritten ---\n\(written)")
            return
        }
        guard songs.count == again.count else { print("song count \(songs.count) became \(again.count)\n--- rewritten ---\n\(written)"); return }
        for (a, b) in zip(songs, again) where a != b {
            if a.metadata != b.metadata { print("metadata: \(a.metadata)\nvs        \(b.metadata)") }
            if a.provenance != b.provenance { print("provenance: \(a.provenance)\nvs          \(b.provenance)") }
            if a.explicitForm != b.explicitForm { print("form: \(String(describing: a.explicitForm)) vs \(String(describing: b.explicitForm))") }
            for (i, (x, y)) in zip(a.blocks, b.blocks).enumerated() where x != y { print("block \(i):\n  \(x)\nvs\n  \(y)"); break }
            if a.blocks.count != b.blocks.count { print("blocks \(a.blocks.count) vs \(b.blocks.count)") }
            return
        }
        print("round trip holds")
    }
}
