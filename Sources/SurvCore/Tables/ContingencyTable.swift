import Foundation

/// A validated table of counts: rectangular, at least 2×2, no negative cell, no empty row or column.
/// Both the exact and the chi-square tests refuse the degenerate cases rather than return NaN.
struct ContingencyTable {
    let counts: [[Int]]
    let rowTotals: [Int]
    let columnTotals: [Int]
    let total: Int

    var rowCount: Int { rowTotals.count }
    var columnCount: Int { columnTotals.count }

    init(_ counts: [[Int]]) throws {
        guard let width = counts.first?.count, width > 0 else {
            throw CoreError("The table is empty.", hint: "A test of association needs at least 2 rows and 2 columns.")
        }
        guard counts.allSatisfy({ $0.count == width }) else {
            throw CoreError("The rows of the table have different lengths.")
        }
        guard counts.count >= 2, width >= 2 else {
            throw CoreError("The table has \(counts.count) row(s) and \(width) column(s).",
                            hint: "A test of association needs at least 2 rows and 2 columns.")
        }
        guard counts.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw CoreError("The table has a negative count.")
        }
        var rows = [Int](repeating: 0, count: counts.count)
        var columns = [Int](repeating: 0, count: width)
        for (i, row) in counts.enumerated() {
            for (j, cell) in row.enumerated() {
                let (rowSum, rowOverflow) = rows[i].addingReportingOverflow(cell)
                let (columnSum, columnOverflow) = columns[j].addingReportingOverflow(cell)
                guard !rowOverflow, !columnOverflow else { throw CoreError("The table's counts are too large.") }
                rows[i] = rowSum
                columns[j] = columnSum
            }
        }
        if let empty = rows.firstIndex(of: 0) {
            throw CoreError("Row \(empty + 1) of the table has no observations.",
                            hint: "Drop empty categories before testing.")
        }
        if let empty = columns.firstIndex(of: 0) {
            throw CoreError("Column \(empty + 1) of the table has no observations.",
                            hint: "Drop empty categories before testing.")
        }
        let (total, overflow) = rows.reduce((0, false)) { acc, r in
            let (s, o) = acc.0.addingReportingOverflow(r)
            return (s, acc.1 || o)
        }
        guard !overflow else { throw CoreError("The table's counts are too large.") }
        self.counts = counts
        self.rowTotals = rows
        self.columnTotals = columns
        self.total = total
    }
}

/// log(n!) for the integers 0...n, tabulated once per test.
struct LogFactorials {
    private let values: [Double]
    init(upTo n: Int) {
        var values = [Double](repeating: 0, count: max(n, 0) + 1)
        if n >= 1 {
            for k in 1...n { values[k] = lgamma(Double(k) + 1) }
        }
        self.values = values
    }
    subscript(_ k: Int) -> Double { values[k] }
}
