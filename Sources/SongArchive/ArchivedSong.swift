import SongCore

/// A song as listed: its id, title, stop and latest version.
public struct ArchivedSong: Sendable, Hashable, Codable {
    /// The archive's id.
    public var id: Int64
    /// Title.
    public var title: String
    /// Where it was written.
    public var place: String?
    /// Nation.
    public var nation: String?
    /// Date of the stop.
    public var date: String?
    /// The style it is usually arranged in.
    public var style: String?
    /// Themes.
    public var themes: [String]
    /// The newest version number (0 when nothing is merged yet).
    public var latestVersion: Int
}
