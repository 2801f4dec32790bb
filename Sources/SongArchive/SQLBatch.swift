/// Statements over many rows at once: the rows cut into pieces one statement takes (well inside both engines'
/// limits on parameters), and the `?` marks for a list or for rows of values.
enum SQLBatch {
    /// How many rows one statement looks up or writes.
    static let rows = 400

    /// `items` in pieces of at most `rows`.
    static func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: rows).map { items[$0..<min($0 + rows, items.count)] }
    }

    /// `?, ?, ?` for a list of `count` values (`IN (…)`).
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// `(?, ?), (?, ?)` for `count` rows of `columns` values (`VALUES …`).
    static func rows(_ count: Int, columns: Int) -> String {
        Array(repeating: "(" + marks(columns) + ")", count: count).joined(separator: ", ")
    }
}
