import Foundation

/// How a songbook is made.
public struct SongbookOptions: Sendable, Hashable {
    /// The book's title, on its title page.
    public var title: String
    /// What it holds, under the title ("Songs from Machynlleth").
    public var subtitle: String?
    public var profile: SongbookProfile
    /// Chords over the words in the large-print profile (the musician's always has them; words-only never).
    public var chords: Bool
    /// The archive server's public address: each song then names its page there, with a QR code to it.
    public var publicAddress: URL?
    /// The date on the title page (YYYY-MM-DD).
    public var date: String

    public init(title: String = "Songbridge songbook", subtitle: String? = nil, profile: SongbookProfile = .largePrint, chords: Bool = false,
                publicAddress: URL? = nil, date: String = SongbookOptions.today) {
        self.title = title
        self.subtitle = subtitle
        self.profile = profile
        self.chords = chords
        self.publicAddress = publicAddress
        self.date = date
    }

    /// Whether chords are printed over the words.
    var showsChords: Bool {
        switch profile {
        case .largePrint: chords
        case .wordsOnly: false
        case .musician: true
        }
    }

    /// Today, as the title page says it.
    public static var today: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}
