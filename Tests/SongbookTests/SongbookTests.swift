import Foundation
import Notation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
@testable import Songbook

/// Songbooks printed by Chromium and read back by poppler (pdftotext, pdffonts, pdftoppm): what the contents and
/// indexes say is where the songs are; the fonts are embedded; large print is large; consent holds in print.
@Suite(.serialized) struct SongbookTests {
    /// A fresh archive of the demo songs.
    static func demoArchive() throws -> (TourArchive, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("songbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = try TourArchive(path: folder.appendingPathComponent("archive.sqlite").path)
        for url in Fixtures.songFiles { try archive.importSong(try #require(try SongFile.read(path: url.path).songs.first)) }
        return (archive, folder)
    }

    static func tool(_ name: String) throws -> URL {
        URL(fileURLWithPath: try #require(CommandRunner.program(name), "\(name) (poppler-utils) is missing: make test installs it"))
    }

    /// The text of one page (1-based), as pdftotext lays it out.
    static func page(_ n: Int, of pdf: URL) async throws -> String {
        try await CommandRunner.run(try tool("pdftotext"), ["-layout", "-f", "\(n)", "-l", "\(n)", pdf.path, "-"], in: pdf.deletingLastPathComponent()).stdout
    }

    static func pages(of pdf: URL) async throws -> Int {
        let info = try await CommandRunner.run(try tool("pdfinfo"), [pdf.path], in: pdf.deletingLastPathComponent()).stdout
        return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
    }

    /// Entries of a contents or index page: text and page number (the last number on a line with leaders).
    static func entries(_ text: String) -> [(text: String, page: Int)] {
        text.split(separator: "\n").compactMap { line in
            guard line.contains(" . ."), let number = line.split(separator: " ").last.flatMap({ Int($0) }) else { return nil }
            return (String(line.prefix { $0 != "." }).trimmingCharacters(in: .whitespaces), number)
        }
    }

    static func write(_ made: Songbook.Made, in folder: URL, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try made.pdf.write(to: url)
        return url
    }

    @Test func theContentsAndIndexesSendYouToTheRightPageAndTheFontsAreEmbedded() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let songs = try SongbookSelection().songs(in: archive)
        let made = try await Songbook().make(songs, options: SongbookOptions(subtitle: "Every song of the tour", date: "2026-11-30"))
        let pdf = try Self.write(made, in: folder, "book.pdf")
        let total = try await Self.pages(of: pdf)
        #expect(try await Self.page(1, of: pdf).contains("Songbridge songbook"))
        let contents = try await Self.entries(Self.page(2, of: pdf))
        #expect(contents.count == songs.count)
        for (title, page) in contents {
            let song = try #require(songs.first { ($0.song.metadata.title ?? "").hasPrefix(title) }, "\(title)")
            let text = try await Self.page(page, of: pdf)
            #expect(text.contains(song.song.metadata.title ?? "?"), "\(title) is not on page \(page)")
            let first = try #require(BookSong(id: song.id, song: song.song).firstLine)
            #expect(text.contains(first), "\(title): its first line is not on page \(page)")
            // The page carries its number at its foot.
            let blank = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0C}"))
            #expect(text.split(separator: "\n").last { !$0.trimmingCharacters(in: blank).isEmpty }?.trimmingCharacters(in: blank) == "\(page)")
        }
        // The three indexes follow the songs; each entry's page holds what it names.
        var indexPages: [String] = []
        for n in contents.map(\.page).max()! + 1...total { indexPages.append(try await Self.page(n, of: pdf)) }
        let indexText = indexPages.joined(separator: "\n")
        #expect(indexText.contains("Index of titles") && indexText.contains("Index of first lines") && indexText.contains("Songs by nation and stop"))
        for (text, page) in Self.entries(indexText) {
            let words = text.split(separator: " ").prefix(3).joined(separator: " ")
            #expect(try await Self.page(page, of: pdf).contains(words), "index: \(text) → \(page)")
        }
        // Every font embedded (pdffonts: the "emb" column).
        let fonts = try await CommandRunner.run(try Self.tool("pdffonts"), [pdf.path], in: folder).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes", "not embedded: \(font)")
        }
    }

    /// Large print measured on the printed page: pdftoppm draws it at 72 dpi (a pixel a point), and the ink of each
    /// word with an ascender and a descender (from the top of its l to the foot of its p) is the type's height.
    @Test func largePrintWordsAreAtLeastSixteenPointHigh() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let songs = try SongbookSelection(search: "sleepy").songs(in: archive)
        let made = try await Songbook().make(songs, options: SongbookOptions())
        let pdf = try Self.write(made, in: folder, "large.pdf")
        let songPage = 3
        _ = try await CommandRunner.run(try Self.tool("pdftoppm"), ["-r", "72", "-gray", "-f", "\(songPage)", "-l", "\(songPage)", pdf.path, folder.appendingPathComponent("p").path], in: folder)
        let image = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("p") && $0.hasSuffix(".pgm") })
        let gray = try PGM(Data(contentsOf: folder.appendingPathComponent(image)))
        // Word boxes from pdftotext -bbox (points, as the image's pixels are).
        let boxes = try await CommandRunner.run(try Self.tool("pdftotext"), ["-bbox", "-f", "\(songPage)", "-l", "\(songPage)", pdf.path, "-"], in: folder).stdout
        var heights: [Int] = []
        for line in boxes.split(separator: "\n") where line.contains("<word ") {
            func value(_ name: String) -> Double? {
                guard let r = line.range(of: "\(name)=\"") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x0 = value("xMin"), let x1 = value("xMax"), let y0 = value("yMin"), let y1 = value("yMax"),
                  let word = line.split(separator: ">").dropFirst().first?.split(separator: "<").first else { continue }
            guard word.contains(where: { "bdfhklt".contains($0) }), word.contains(where: { "gjpqy".contains($0) }) else { continue }
            heights.append(gray.inkHeight(x: Int(x0)...Int(x1), y: max(0, Int(y0) - 4)...min(gray.height - 1, Int(y1) + 4)))
        }
        #expect(heights.count >= 5)
        let sorted = heights.sorted()
        #expect(sorted[sorted.count / 2] >= 16, "ink heights \(sorted)")
        #expect(try await Self.page(songPage, of: pdf).contains("Hush, the Harbour Sleeps"))
    }

    @Test func aSongOfTwoPagesLiesOnFacingPages() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let songs = try SongbookSelection().songs(in: archive)
        let made = try await Songbook().make(songs, options: SongbookOptions(profile: .musician))
        #expect(made.problems.isEmpty, "\(made.problems)")
        let pdf = try Self.write(made, in: folder, "musician.pdf")
        let starts = try await Self.entries(Self.page(2, of: pdf)).map(\.page).sorted()
        var indexStart = 0
        for n in 1...(try await Self.pages(of: pdf)) { if try await Self.page(n, of: pdf).contains("Index of titles") { indexStart = n; break } }
        var twoPage = 0
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : indexStart
            // The pages it takes: up to the next song or the index, less a blank page left before the next.
            var used = 0
            for n in start..<end { if try await !Self.page(n, of: pdf).trimmingCharacters(in: .whitespacesAndNewlines).allSatisfy(\.isNumber) { used += 1 } }
            if used >= 2 { twoPage += 1; #expect(start % 2 == 0, "a song of \(used) pages starts on page \(start), a right-hand page") }
        }
        #expect(twoPage >= 1, "the musician's book has a song of two pages (notation takes room)")
        // Notation as real text: the words under the notes are found in the PDF.
        #expect(try await Self.page(starts[0], of: pdf).contains("haul"))
    }

    @Test func aWithdrawnPersonsLinesLeaveTheBook() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let selection = SongbookSelection(nation: "northern-ireland")
        let before = await Songbook().html(try selection.songs(in: archive), options: SongbookOptions()).html
        #expect(before.contains("Hush now, close your sleepy eyes"))
        try archive.setConsent("c-ek11", .withdrawn)
        let after = try await Songbook().make(try selection.songs(in: archive), options: SongbookOptions())
        #expect(!after.html.contains("Hush now, close your sleepy eyes"))
        let pdf = try Self.write(after, in: folder, "after.pdf")
        var text = ""
        for n in 1...(try await Self.pages(of: pdf)) { text += try await Self.page(n, of: pdf) }
        #expect(!text.contains("close your sleepy eyes") && text.contains("Hush, the Harbour Sleeps"))
    }

    @Test func aTuneTheEngraverCannotDrawIsPrintedAsWordsAndNamed() async throws {
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("abcm2ps")
        try "#!/bin/sh\nexit 3\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let book = Songbook(engraver: NotationEngraver(program: script.path))
        let made = try await book.html(SongbookSelection(search: "sleepy").songs(in: archive), options: SongbookOptions(profile: .musician))
        #expect(made.problems.contains { $0.hasPrefix("Hush, the Harbour Sleeps, ") })
        #expect(made.html.contains("The notation could not be drawn") && made.html.contains("Hush now, close your sleepy eyes"))
    }

    @Test func anEmptyChoiceIsRefusedNotPrinted() throws {
        let (archive, folder) = try Self.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SongbookSelection.Problem.self) { _ = try SongbookSelection(stop: "atlantis-2026-01").songs(in: archive) }
        #expect(throws: SongbookSelection.Problem.self) { _ = try SongbookSelection(search: "zzzqqq").songs(in: archive) }
        #expect(try SongbookSelection(nation: "wales").songs(in: archive).count == 1)
    }

    @Test func welshTitlesSortByTheWelshAlphabetAndEnglishByTheEnglish() {
        // Welsh: c < ch, d < dd, l < ll, g < ng < h, p < ph, r < rh, t < th; accents set aside.
        let welsh = ["Llanw", "Lôn Goed", "Chwarae", "Cymru", "Ddoe", "Dydd", "Angharad", "Anrheg", "Rhosyn", "Robin", "Theatr", "Tân", "Ffair", "Fory"]
        let sorted = TitleCollation.sorted(welsh, text: { $0 }, language: { _ in .welsh })
        #expect(sorted == ["Angharad", "Anrheg", "Cymru", "Chwarae", "Dydd", "Ddoe", "Fory", "Ffair", "Lôn Goed", "Llanw", "Robin", "Rhosyn", "Tân", "Theatr"])
        // English: ch, ll and th are two letters.
        let english = ["The Tide Comes In", "Llama Song", "Lily", "Cherry Ripe", "Cabbage", "Thistle"]
        #expect(TitleCollation.sorted(english, text: { $0 }, language: { _ in .english }) == ["Cabbage", "Cherry Ripe", "Lily", "Llama Song", "The Tide Comes In", "Thistle"])
    }
}

/// A binary PGM (P5) image, as pdftoppm -gray writes it.
struct PGM {
    let width: Int, height: Int
    let pixels: [UInt8]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [String] = [], i = 0
        while fields.count < 4, i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var field = ""
            while i < bytes.count, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { field.append(Character(UnicodeScalar(bytes[i]))); i += 1 }
            fields.append(field)
        }
        guard fields.count == 4, fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]) else { throw CocoaError(.fileReadCorruptFile) }
        width = w; height = h
        pixels = Array(bytes[(i + 1)...].prefix(w * h))
    }

    /// Rows from the first to the last with ink (darker than mid grey) within the box.
    func inkHeight(x: ClosedRange<Int>, y: ClosedRange<Int>) -> Int {
        var first: Int?, last: Int?
        for row in y where row < height {
            if x.contains(where: { $0 < width && pixels[row * width + $0] < 128 }) {
                if first == nil { first = row }
                last = row
            }
        }
        guard let first, let last else { return 0 }
        return last - first + 1
    }
}

/// QR codes read back by zbarimg (zbar-tools), a decoder no one here wrote: every version from 1 to 10.
@Suite struct QRCodeTests {
    /// The code drawn as a greyscale PGM, four pixels a module, with its quiet zone.
    static func pgm(_ code: QRCode) -> Data {
        let scale = 4, side = (code.size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for (r, row) in code.modules.enumerated() {
            for (c, dark) in row.enumerated() where dark {
                for y in 0..<scale { for x in 0..<scale { pixels[((r + 4) * scale + y) * side + (c + 4) * scale + x] = 0 } }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }

    static func decoded(_ image: URL) async throws -> String {
        let zbarimg = try #require(CommandRunner.program("zbarimg"), "zbarimg (zbar-tools) is missing: make test installs it")
        let r = try await CommandRunner.run(URL(fileURLWithPath: zbarimg), ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path], in: image.deletingLastPathComponent())
        return r.stdout.trimmingCharacters(in: .newlines)
    }

    @Test func everyVersionReadsBack() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var versions: Set<Int> = []
        for length in [5, 20, 35, 55, 80, 100, 120, 150, 175, 200] {
            let text = "https://songs.example.org/songs/" + String(repeating: "x", count: max(0, length - 32)) + "?q=Cân"
            let code = try #require(QRCode(text))
            versions.insert(code.version)
            let file = folder.appendingPathComponent("v\(code.version)-\(length).pgm")
            try Self.pgm(code).write(to: file)
            let got = try await Self.decoded(file)
            #expect(got == text, "version \(code.version), \(text.utf8.count) bytes: read \(got.debugDescription)")
        }
        #expect(versions.count >= 8)
        #expect(QRCode(String(repeating: "y", count: 213)) != nil && QRCode(String(repeating: "y", count: 214)) == nil)
    }

    @Test func aSongbookWithAPublicAddressCarriesACodeToEachSongsPage() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let (archive, folder) = try SongbookTests.demoArchive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let songs = try SongbookSelection(nation: "wales").songs(in: archive)
        let base = try #require(URL(string: "https://songs.example.org/"))
        let made = try await Songbook().make(songs, options: SongbookOptions(publicAddress: base))
        let pdf = try SongbookTests.write(made, in: folder, "qr.pdf")
        // The codes found on every page of the book, read from the printed pages.
        _ = try await CommandRunner.run(try SongbookTests.tool("pdftoppm"), ["-r", "150", "-gray", pdf.path, folder.appendingPathComponent("page").path], in: folder)
        let images = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }
        var found: [String] = []
        for image in images { let decoded = try await Self.decoded(folder.appendingPathComponent(image)); if !decoded.isEmpty { found.append(decoded) } }
        #expect(found == ["https://songs.example.org/songs/\(songs[0].id)"])
    }
}
