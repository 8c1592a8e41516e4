/// The records of a small comma-separated file, every field kept as text: the targets table mixes
/// numbers with printed forms ("NR", "<0.001", "ten") and the number of decimals written matters, so
/// it is read without the type inference of `DelimitedTextReader`.
///
/// RFC 4180: fields may be quoted, with `""` for a quote inside; a quoted field may hold commas and line
/// breaks. Empty lines are skipped.
enum CSVRecords {
    static func parse(_ text: String) throws(TargetsError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var characters = Array(text.unicodeScalars)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        func endRecord() {
            record.append(field)
            if !(record.count == 1 && record[0].isEmpty && !fieldWasQuoted) { records.append(record) }
            record = []
            field = ""
            fieldWasQuoted = false
        }
        while index < characters.count {
            let c = characters[index]
            if quoted {
                if c == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw TargetsError("line \(line): a quote inside an unquoted field") }
                quoted = true
                fieldWasQuoted = true
            } else if c == "," {
                record.append(field)
                field = ""
                fieldWasQuoted = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", index + 1 < characters.count, characters[index + 1] == "\n" { index += 1 }
                endRecord()
                line += 1
            } else {
                field.unicodeScalars.append(c)
            }
            index += 1
        }
        guard !quoted else { throw TargetsError("line \(line): a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
