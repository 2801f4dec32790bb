/// Why a MusicXML file was not read: one sentence naming the file and, where it can, the line and the element.
public struct ScoreImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
