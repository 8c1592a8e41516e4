import SurvData

/// The Stata, SPSS and SAS reader (ReadStat underneath) on raw bytes: the payload's first byte chooses the
/// format, the rest is the file. A refusal is fine; a table that is read must keep the reader's promises,
/// and must survive being written as a Stata file and read back with the same rows and columns.
enum StatFileTarget {
    static let formats: [StatFileFormat] = [.stata, .spss, .spssPortable, .sas, .sasTransport]

    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        guard let selector = payload.first else { return }
        let format = formats[Int(selector) % formats.count]
        let bytes = Array(payload.dropFirst())
        guard let table = try? StatFileReader.read(bytes: bytes, format: format, name: "fuzz") else { return }
        checkInvariants(table)
        guard let exported = try? DataExport.encode(table, as: .stata) else { return }
        do {
            let back = try StatFileReader.read(bytes: exported.bytes, format: .stata, name: "fuzz")
            precondition(back.rowCount == table.rowCount, "a written file reads back with \(back.rowCount) rows, not \(table.rowCount)")
            precondition(back.columns.count == table.columns.count, "a written file reads back with other columns")
        } catch {
            preconditionFailure("a file surv wrote cannot be read back: \(error)")
        }
    }

    static func checkInvariants(_ table: DataTable) {
        precondition(Set(table.columnNames).count == table.columns.count, "duplicate column names \(table.columnNames)")
        let rows = table.rowCount
        for column in table.columns {
            precondition(!column.name.isEmpty, "an empty column name")
            precondition(column.count == rows, "column '\(column.name)' has \(column.count) rows, the table \(rows)")
            switch column.data {
            case .number(let values, let missing):
                precondition(values.count == missing.count, "column '\(column.name)': values and missing flags differ in length")
                for row in 0..<rows where !missing[row] {
                    precondition(values[row].isFinite, "column '\(column.name)' row \(row) holds \(values[row])")
                }
                precondition(column.levelValues == nil, "numeric column '\(column.name)' has level values")
            case .text(let codes, let levels):
                for code in codes {
                    precondition(code >= -1 && Int(code) < levels.count, "column '\(column.name)' has code \(code) for \(levels.count) levels")
                }
                if let values = column.levelValues {
                    precondition(values.count == levels.count, "column '\(column.name)': \(values.count) codes for \(levels.count) levels")
                    precondition(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "column '\(column.name)': codes out of order")
                } else {
                    precondition(Set(levels).count == levels.count, "column '\(column.name)' repeats a level")
                }
                precondition(column.dateStyle == nil, "text column '\(column.name)' is a date")
            }
        }
    }
}
