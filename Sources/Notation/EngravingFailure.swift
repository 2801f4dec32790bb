/// Why a tune could not be engraved: the page then shows the words and chords and says so.
public struct EngravingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in a sentence for the page or the songbook's report.
    public var description: String
    /// Whether trying the same tune again could succeed (the engraver was busy or slow), so the failure is not kept.
    public var isTransient: Bool

    public init(_ description: String, transient: Bool = false) {
        self.description = description
        self.isTransient = transient
    }

    static let notInstalled = EngravingFailure("the engraver (abcm2ps) is not installed: make setup installs it")
    static let timedOut = EngravingFailure("the engraver took too long", transient: true)
    static let unsafe = EngravingFailure("the engraver's drawing held something other than notation, so it is not shown")
    static let tooLarge = EngravingFailure("the tune is too long to draw on one page")
}
