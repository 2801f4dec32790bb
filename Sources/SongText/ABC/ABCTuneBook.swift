/// An ABC file: a file header and one or more tunes.
public struct ABCTuneBook: Sendable, Hashable, Codable {
    /// Fields in the file header, which every tune inherits.
    public var header: [ABCField]
    /// The tunes, in file order.
    public var tunes: [ABCTune]

    /// A tune book.
    public init(header: [ABCField] = [], tunes: [ABCTune] = []) {
        self.header = header
        self.tunes = tunes
    }

    /// The tune with `X:` number `reference`.
    public func tune(reference: Int) -> ABCTune? { tunes.first { $0.reference == reference } }
}
