import SurvCore

/// A table as delimited text that `load` reads back as it was written: a header of names, numbers as the
/// shortest decimal that reads back as the same double, dates as ISO 8601 (`2016-03-01`, a date and time
/// as `2016-03-01 08:30:00`), categories by their level (a labelled column by its label), missing as an
/// empty cell. A field is quoted when it holds the delimiter, a quote, a line break or surrounding spaces.
enum CSVExport {
    static func bytes(_ table: DataTable, delimiter: Character) throws -> [UInt8] {
        var out: [UInt8] = []
        let separator = Array(String(delimiter).utf8)
        out.append(contentsOf: table.columns.enumerated().flatMap { i, c in (i > 0 ? separator : []) + field(c.name, delimiter) })
        out.append(UInt8(ascii: "\n"))
        // Each level's text once, not once per row.
        let levelFields: [[[UInt8]]] = table.columns.map { column in
            guard case .text(_, let levels) = column.data else { return [] }
            return levels.map { field($0, delimiter) }
        }
        for row in 0..<table.rowCount {
            if row & 0xFFFF == 0 { try Interruption.checkpoint() }
            for (i, column) in table.columns.enumerated() {
                if i > 0 { out.append(contentsOf: separator) }
                switch column.data {
                case .number(let values, let missing):
                    guard row < values.count, row < missing.count, !missing[row] else { continue }
                    out.append(contentsOf: Array(number(values[row], dateStyle: column.dateStyle).utf8))
                case .text(let codes, _):
                    guard row < codes.count, codes[row] >= 0, Int(codes[row]) < levelFields[i].count else { continue }
                    out.append(contentsOf: levelFields[i][Int(codes[row])])
                }
            }
            out.append(UInt8(ascii: "\n"))
            if out.count > DataExport.maximumBytes {
                throw DataError("the exported file would be larger than \(DataExport.maximumBytes >> 30) GB", hint: "export fewer rows (where) first")
            }
        }
        return out
    }

    static func number(_ value: Double, dateStyle: DateStyle?) -> String {
        if let dateStyle, let text = CalendarDate.text(days: value, withTime: dateStyle == .dateTime) { return text }
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func field(_ text: String, _ delimiter: Character) -> [UInt8] {
        let needsQuotes = text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            || text.first == " " || text.last == " "
        guard needsQuotes else { return Array(text.utf8) }
        return Array(("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
    }
}
