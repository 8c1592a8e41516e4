import SurvData

/// The CSV/TSV reader on raw bytes. A parse error is fine; a table that parses must keep the
/// promises the reader documents, checked cell by cell. Reading in chunks must give the same table or
/// the same error as reading in one pass, with the cuts after line breaks (every one, up to 64) or in
/// mid-line.
enum DelimitedTextTarget {
    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        let bytes = Array(payload)
        let outcome = Outcome { try DelimitedTextReader.parse(bytes, name: "fuzz", splittingNear: []) }
        let lineStarts = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") || bytes[$0] == UInt8(ascii: "\r") }.map { $0 + 1 }
        // At most 64 chunks: each holds every column's accumulator, and a wide header over thousands of
        // blank lines would otherwise make millions of them.
        let spacing = max(1, lineStarts.count / 64)
        let lines = stride(from: 0, to: lineStarts.count, by: spacing).map { lineStarts[$0] }
        let thirds = [bytes.count / 3, bytes.count * 2 / 3]
        for cuts in [lines, thirds] {
            let chunked = Outcome { try DelimitedTextReader.parse(bytes, name: "fuzz", splittingNear: cuts) }
            precondition(chunked == outcome, "reading in chunks cut near \(cuts) gave \(chunked), one pass \(outcome)")
        }
        guard case .table(let table) = outcome else { return }
        checkInvariants(table)
    }

    private enum Outcome: Equatable {
        case table(DataTable)
        case failure(String)

        init(_ parse: () throws -> DataTable) {
            do {
                self = .table(try parse())
            } catch {
                self = .failure(String(describing: error))
            }
        }
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
