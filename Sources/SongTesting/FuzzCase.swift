import Foundation
import SongCore
import SongText

/// One fuzz input run through a reader, and through the writer when the reader accepts it.
public enum FuzzCase {
    /// What happened.
    public enum Outcome: Sendable {
        /// Read, written and read back to the same songs.
        case accepted
        /// Refused with these diagnostics.
        case rejected([Diagnostic])
        /// Read, but the written text did not read back equal.
        case roundTripFailed(String)
    }

    /// Reads `input`; when it is accepted, writes it and reads it back.
    public static func run(_ input: [UInt8], format: SongFile.Format) -> Outcome {
        do {
            let contents = try SongFile.read(data: Data(input), name: "fuzz", format: format)
            switch format {
            case .abc:
                let book = contents.tuneBook!
                let written = ABCWriter.write(book)
                guard let again = try? ABCReader.read(written, name: "rewritten").value, again.tunes == book.tunes else {
                    return .roundTripFailed(written)
                }
            case .chordPro:
                let written = ChordProWriter.write(contents.songs)
                guard let again = try? ChordProReader.read(written, name: "rewritten").value, again == contents.songs else {
                    return .roundTripFailed(written)
                }
            }
            return .accepted
        } catch {
            return .rejected(error.diagnostics)
        }
    }
}
