/// A named table of equally long columns with unique names.
public struct DataTable: Sendable, Equatable {
    public var name: String
    public private(set) var columns: [Column]

    /// An empty table (no columns, no rows).
    public init(name: String) {
        self.name = name
        self.columns = []
    }

    /// Fails when the columns differ in length or two share a name.
    public init(name: String, columns: [Column]) throws {
        self.init(name: name)
        for column in columns {
            if self.column(named: column.name) != nil {
                throw DataError("duplicate column name '\(column.name)'", hint: "column names must be unique")
            }
            try setColumn(column)
        }
    }

    /// The number of rows (0 for a table without columns).
    public var rowCount: Int { columns.first?.count ?? 0 }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
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
        if let index = columns.firstIndex(where: { $0.name == column.name }) {
            // Replacing the only column may change the row count; otherwise the others fix it.
            if columns.count > 1, column.count != rowCount { throw lengthError(column) }
            columns[index] = column
            return
        }
        if !columns.isEmpty, column.count != rowCount { throw lengthError(column) }
        columns.append(column)
    }

    private func lengthError(_ column: Column) -> DataError {
        DataError("column '\(column.name)' has \(column.count) rows but table '\(name)' has \(rowCount)",
                  hint: "a new column must have one value per row")
    }
}
