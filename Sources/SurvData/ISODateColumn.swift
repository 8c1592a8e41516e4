import SurvCore

/// A CSV column whose every non-missing cell is an ISO 8601 calendar date (`2016-03-01`) is a column of
/// dates, as R's `readr` reads it. The test runs on the column's distinct values once the file is read, so
/// it costs nothing per row; a single cell that is not a real date (`2015-02-29`, `2016-3-1`, a time)
/// leaves the whole column as text.
enum ISODateColumn {
    static func recognised(_ column: Column) -> Column {
        guard case .text(let codes, let levels) = column.data, !levels.isEmpty else { return column }
        var days: [Double] = []
        days.reserveCapacity(levels.count)
        for level in levels {
            guard let date = CalendarDate.parse(level) else { return column }
            days.append(date.days)
        }
        var values = [Double](repeating: 0, count: codes.count)
        var missing = [Bool](repeating: true, count: codes.count)
        for (row, code) in codes.enumerated() where code >= 0 && Int(code) < days.count {
            values[row] = days[Int(code)]
            missing[row] = false
        }
        var dates = column
        dates.data = .number(values, missing: missing)
        dates.dateStyle = .date
        return dates
    }
}
