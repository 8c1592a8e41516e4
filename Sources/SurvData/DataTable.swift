/// A named table of equally long columns with unique names.
public struct DataTable: Sendable, Equatable {
    public var name: String
    public private(set) var columns: [Column]
    /// Each column's position by name, so that finding a column costs the same for the 100,000th as for
    /// the first (a linear search made loading a wide file quadratic in its columns).
    private var positions: [String: Int]

    /// An empty table (no columns, no rows).
    public init(name: String) {
        self.name = name
        self.columns = []
        self.positions = [:]
    }

    /// Fails when the columns differ in length or two share a name.
    public init(name: String, columns: [Column]) throws {
        self.init(name: name)
        self.columns.reserveCapacity(columns.count)
        positions.reserveCapacity(columns.count)
        for column in columns {
            if positions[column.name] != nil {
                throw DataError("duplicate column name '\(column.name)'", hint: "column names must be unique")
            }
            try setColumn(column)
        }
    }

    /// The number of rows (0 for a table without columns).
    public var rowCount: Int { columns.first?.count ?? 0 }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        positions[name].map { columns[$0] }
    }

    /// The rows `rows`, in that order (repeats allowed). An index outside `0..<rowCount` gives a row of
    /// missing cells, as in R.
    public func selecting(rows: [Int]) -> DataTable {
        var copy = self
        copy.columns = columns.map { $0.selecting(rows: rows) }
        return copy
    }

    /// Adds `column`, or replaces the column of the same name. Its length must equal `rowCount`
    /// unless the table has no columns yet.
    public mutating func setColumn(_ column: Column) throws {
        if let index = positions[column.name] {
            // Replacing the only column may change the row count; otherwise the others fix it.
            if columns.count > 1, column.count != rowCount { throw lengthError(column) }
            columns[index] = column
            return
        }
        if !columns.isEmpty, column.count != rowCount { throw lengthError(column) }
        positions[column.name] = columns.count
        columns.append(column)
    }

    private func lengthError(_ column: Column) -> DataError {
        DataError("column '\(column.name)' has \(column.count) rows but table '\(name)' has \(rowCount)",
                  hint: "a new column must have one value per row")
    }
}
