import SurvData

/// The CSV/TSV reader on raw bytes. A parse error is fine; a table that parses must keep the
/// promises the reader documents, checked cell by cell.
enum DelimitedTextTarget {
    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        let table: DataTable
        do {
            table = try DelimitedTextReader.parse(Array(payload), name: "fuzz")
        } catch {
            _ = String(describing: error)
            return
        }
        checkInvariants(table)
    }

    static func checkInvariants(_ table: DataTable) {
        precondition(!table.columns.isEmpty, "a parsed table has no columns")
        precondition(Set(table.columnNames).count == table.columns.count, "duplicate column names \(table.columnNames)")
        let rows = table.rowCount
        for column in table.columns {
            precondition(!column.name.isEmpty, "an empty column name")
            precondition(column.name == column.name.trimmingSpaces, "column name '\(column.name)' is not trimmed")
            precondition(column.count == rows, "column '\(column.name)' has \(column.count) rows, the table \(rows)")
            switch column.data {
            case .number(let values, let missing):
                precondition(values.count == missing.count, "column '\(column.name)': values and missing flags differ in length")
                for row in 0..<rows where !missing[row] {
                    precondition(values[row].isFinite, "column '\(column.name)' row \(row) holds \(values[row])")
                }
            case .text(let codes, let levels):
                precondition(Set(levels).count == levels.count, "column '\(column.name)' repeats a level")
                for code in codes {
                    precondition(code >= -1 && Int(code) < levels.count, "column '\(column.name)' has code \(code) for \(levels.count) levels")
                }
            }
        }
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs, as the reader trims header names.
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
