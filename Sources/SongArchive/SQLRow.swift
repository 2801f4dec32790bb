/// One row of a query's result, read by position (quickest) or by column name (in any case: PostgreSQL folds
/// unquoted names to lower case, SQLite keeps them as written).
public struct SQLRow: Sendable {
    /// The column names, in order.
    public let columns: [String]
    /// The values, in the columns' order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index`, read as `T`; nil when NULL, missing or of another kind.
    public subscript<T: SQLReadable>(_ index: Int) -> T? {
        values.indices.contains(index) ? T(sqlValue: values[index]) : nil
    }

    /// The value of the column named `name`, read as `T`.
    public subscript<T: SQLReadable>(_ name: String) -> T? {
        guard let index = columns.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        return self[index]
    }
}
