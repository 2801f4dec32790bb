import Foundation
import ZipFiles

/// A score packed as compressed MusicXML (`.mxl`): a ZIP whose first entry is `mimetype` (stored, not
/// compressed), then `META-INF/container.xml` naming the score, then the score itself, deflated (MusicXML 4.0,
/// "Compressed MusicXML files").
public enum MXLPackage {
    /// The media type of a compressed score.
    public static let mediaType = "application/vnd.recordare.musicxml"

    /// `xml` (an uncompressed MusicXML document) packed, its score file named `name`.
    public static func pack(_ xml: String, name: String = "score.musicxml", modified: Date = Date()) throws -> Data {
        var zip = ZipWriter(modified: modified)
        // `mimetype` is too short for deflate to shrink, so it is stored, as the format asks.
        try zip.add(ZipWriter.Entry(path: "mimetype", data: Data(mediaType.utf8)))
        let container = """
            <?xml version="1.0" encoding="UTF-8"?>
            <container><rootfiles><rootfile full-path="\(name)" media-type="application/vnd.recordare.musicxml+xml"/></rootfiles></container>

            """
        try zip.add(ZipWriter.Entry(path: "META-INF/container.xml", data: Data(container.utf8)))
        try zip.add(ZipWriter.Entry(path: name, data: Data(xml.utf8)))
        return try zip.finish()
    }
}