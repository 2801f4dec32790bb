import Foundation
import ZIPFoundation

/// A score packed as compressed MusicXML (`.mxl`): a ZIP whose first entry is `mimetype` (stored, not
/// compressed), then `META-INF/container.xml` naming the score, then the score itself, deflated (MusicXML 4.0,
/// "Compressed MusicXML files").
public enum MXLPackage {
    /// The media type of a compressed score.
    public static let mediaType = "application/vnd.recordare.musicxml"

    /// `xml` (an uncompressed MusicXML document) packed, its score file named `name`.
    public static func pack(_ xml: String, name: String = "score.musicxml") throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ bytes: Data, compressed: Bool) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: compressed ? .deflate : .none) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("mimetype", Data(mediaType.utf8), compressed: false)
        let container = """
            <?xml version="1.0" encoding="UTF-8"?>
            <container><rootfiles><rootfile full-path="\(name)" media-type="application/vnd.recordare.musicxml+xml"/></rootfiles></container>

            """
        try add("META-INF/container.xml", Data(container.utf8), compressed: true)
        try add(name, Data(xml.utf8), compressed: true)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
