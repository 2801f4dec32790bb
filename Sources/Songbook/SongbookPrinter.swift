import Foundation
import Notation

/// Prints a songbook's HTML to PDF with headless Chromium (Debian's `chromium`, `--print-to-pdf`), which lays the
/// pages out and embeds the fonts. One book at a time; each run bounded in time, in a folder of its own with a
/// fresh profile, and the document's own policy lets it load nothing.
public struct SongbookPrinter: Sendable {
    public var program: String?
    public var timeout: Duration
    let slots = Slots(count: 1)

    public init(program: String? = SongbookPrinter.installedProgram, timeout: Duration = .seconds(180)) {
        self.program = program
        self.timeout = timeout
    }

    /// Chromium where Debian installs it, if it is there.
    public static var installedProgram: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why a book could not be printed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The PDF of `html`.
    public func pdf(_ html: String) async throws(Failure) -> Data {
        guard let program else { throw Failure(description: "Chromium is not installed, and it prints the songbook: make setup installs it") }
        await slots.acquire()
        defer { slots.release() }
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("songbridge-book-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        let page = folder.appendingPathComponent("book.html"), pdf = folder.appendingPathComponent("book.pdf")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: false)
            try html.write(to: page, atomically: false, encoding: .utf8)
        } catch { throw Failure(description: "could not write the book to print: \(error)") }
        let process = BoundedProcess(program: program, arguments: [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--no-pdf-header-footer", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ], folder: folder, timeout: timeout)
        switch await process.run(output: folder.appendingPathComponent("chromium.log")) {
        case .exited: break
        case .timedOut: throw Failure(description: "Chromium took longer than \(timeout) to print the book")
        case .couldNotStart(let why): throw Failure(description: "could not start Chromium: \(why)")
        }
        guard let data = fm.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure(description: "Chromium wrote no PDF")
        }
        return data
    }
}
