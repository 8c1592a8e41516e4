import SurvCore
/// Builds a `DataTable` from delimited text in one pass over the bytes — or one pass per chunk, the chunks
/// on several cores (`ChunkedParsing`), with the same result.
///
/// Every column starts out numeric, accumulating `Double`s parsed straight from the bytes. The first
/// non-missing cell that is not a number turns the column into text. Its earlier cells must then be
/// read as text, and the numbers already parsed cannot give back the original spelling (`007`, `1.50`).
/// Keeping every cell's byte range in case this happens would cost 16 bytes per cell for all columns,
/// more than the parsed data itself; instead that one column is re-scanned, from the first data row up
/// to the current row only. A categorical column usually reveals itself in its first row, so the
/// re-scan is nearly always empty; at worst each late-turning column costs one extra partial pass.
struct DelimitedTextParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let name: String
    let delimiter: UInt8
    /// Where line 1 begins: after a UTF-8 byte-order mark, if any.
    let bodyStart: Int

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    init(bytes: UnsafeBufferPointer<UInt8>, name: String, delimiter: UInt8?) {
        self.bytes = bytes
        self.name = name
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bodyStart = hasByteOrderMark ? 3 : 0
        self.delimiter = delimiter ?? Self.sniffDelimiter(bytes, from: hasByteOrderMark ? 3 : 0)
    }

    /// The most frequent of comma, tab and semicolon outside quotes on the header line (comma on ties
    /// or when there is none: a single-column file).
    static func sniffDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var commas = 0, tabs = 0, semicolons = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
                if b == UInt8(ascii: ",") { commas += 1 }
                if b == UInt8(ascii: "\t") { tabs += 1 }
                if b == UInt8(ascii: ";") { semicolons += 1 }
            }
            i += 1
        }
        if tabs > commas && tabs >= semicolons { return UInt8(ascii: "\t") }
        if semicolons > commas && semicolons > tabs { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }

    /// A million columns: far beyond any data table, and a bound on what a header line can make surv hold.
    static let maximumColumns = 1_000_000

    /// Parses the whole input: on several cores when it is large enough to gain (`ChunkedParsing`),
    /// otherwise in one pass.
    func parse() throws -> DataTable {
        try parse(splittingNear: nil)
    }

    /// `splitPoints` are offsets near which the body is cut into chunks parsed concurrently (each cut moves
    /// to the next line break); `nil` lets the file's size and the machine's cores decide, and an empty
    /// list parses in one pass. Every choice gives the same table or the same error.
    func parse(splittingNear splitPoints: [Int]?) throws -> DataTable {
        var scanner = RecordScanner(bytes: bytes, delimiter: delimiter, start: bodyStart)
        var fields: [FieldSpan] = []
        fields.reserveCapacity(64)
        scanner.fieldLimit = Self.maximumColumns
        guard try scan(&scanner, &fields) != nil else {
            throw DataError("the file is empty", line: 1, column: nil,
                            hint: "a header row naming the columns is required")
        }
        guard scanner.extraFields == 0 else {
            throw DataError("the header names more than \(Self.maximumColumns) columns", line: 1, column: nil,
                            hint: "this does not look like a data table; check the delimiter")
        }
        let names = try headerNames(fields)
        let dataStart = scanner.position
        let cuts = splitPoints ?? automaticSplitPoints(from: dataStart, columns: names.count)
        let data = cuts.isEmpty
            ? try parseInOnePass(from: dataStart, names: names)
            : try parseInChunks(from: dataStart, near: cuts, names: names)
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for (name, values) in zip(names, data) {
            columns.append(ISODateColumn.recognised(Column(name: name, data: values)))
        }
        return try DataTable(name: name, columns: columns)
    }

    func parseInOnePass(from dataStart: Int, names: [String]) throws -> [ColumnData] {
        var accumulators = [ColumnAccumulator](repeating: ColumnAccumulator(), count: names.count)
        let expectedRows = estimateRowCount(from: dataStart, to: bytes.count, columns: names.count)
        var scanner = RecordScanner(bytes: bytes, delimiter: delimiter, start: dataStart)
        do {
            _ = try readRecords(&scanner, before: bytes.count, into: &accumulators, names: names,
                                expectedRows: expectedRows)
        } catch let failure as DependsOnEarlierRows {
            throw failure.error
        }
        return accumulators.map { $0.finish() }
    }

    /// Reads the records that start before `bound` into `accumulators` and returns how many there were.
    /// The scanner starts at a record boundary and is left after the last record read.
    func readRecords(_ scanner: inout RecordScanner, before bound: Int, into accumulators: inout [ColumnAccumulator],
                     names: [String], expectedRows: Int) throws -> Int {
        let columnCount = names.count
        let firstRecord = scanner.skipLineBreaks()
        // One field past the header's count is enough to say where a ragged row goes wrong.
        scanner.fieldLimit = columnCount + 1
        var fields: [FieldSpan] = []
        fields.reserveCapacity(columnCount + 1)
        var scratch: [UInt8] = []
        var row = 0
        while scanner.skipLineBreaks() < bound, try scan(&scanner, &fields) != nil {
            // A large file can take seconds: let Ctrl-C stop it every 64k rows.
            if row & 0xFFFF == 0xFFFF { try Interruption.checkpoint() }
            if row == 1 {
                for c in 0..<columnCount { accumulators[c].reserve(expectedRows) }
            }
            if fields.count != columnCount {
                throw raggedRowError(fields: fields, extra: scanner.extraFields, expected: columnCount, recordEnd: scanner.lastRecordEnd)
            }
            for c in 0..<columnCount {
                let span = fields[c]
                let result: CellOutcome = withCell(span, scratch: &scratch) { cell in
                    accumulators[c].append(cell)
                }
                switch result {
                case .stored:
                    break
                case .outOfRange:
                    throw DependsOnEarlierRows(error: outOfRangeError(span))
                case .tooManyLevels:
                    throw DependsOnEarlierRows(error: tooManyLevelsError(span, column: names[c]))
                case .needsText:
                    try convertToText(&accumulators, columns: [c], rows: row, from: firstRecord,
                                      reserving: max(row, expectedRows))
                    if case .tooManyLevels = withCell(span, scratch: &scratch, { cell in accumulators[c].append(cell) }) {
                        throw DependsOnEarlierRows(error: tooManyLevelsError(span, column: names[c]))
                    }
                }
            }
            row += 1
        }
        return row
    }

    // MARK: Header

    private func headerNames(_ fields: [FieldSpan]) throws -> [String] {
        var scratch: [UInt8] = []
        var names: [String] = []
        var firstField: [String: Int] = [:]
        for (index, span) in fields.enumerated() {
            let name = withCell(span, scratch: &scratch) { cell in
                String(decoding: Self.trimmed(cell), as: UTF8.self)
            }
            if name.isEmpty {
                let (line, column) = location(of: span.sourceOffset)
                throw DataError("field \(index + 1) of the header has no name", line: line, column: column,
                                hint: "every column needs a name in the header row")
            }
            if let first = firstField[name] {
                let (line, column) = location(of: span.sourceOffset)
                throw DataError("duplicate column name '\(name)' (fields \(first + 1) and \(index + 1) of the header)",
                                line: line, column: column, hint: "rename one of the columns")
            }
            firstField[name] = index
            names.append(name)
        }
        return names
    }

    // MARK: Cells

    /// Calls `body` with the field's bytes, quotes removed and doubled quotes undoubled.
    private func withCell<R>(_ span: FieldSpan, scratch: inout [UInt8],
                             _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if !span.hasEscapedQuotes {
            return body(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
        }
        scratch.removeAll(keepingCapacity: true)
        var i = span.start
        while i < span.end {
            let b = bytes[i]
            scratch.append(b)
            // Inside a quoted field a quote only ever appears doubled.
            i += b == UInt8(ascii: "\"") ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = cell.count
        // Nearly every cell has nothing to trim: then it is returned as it is, without slicing.
        if end > 0, cell[0] > space, cell[end - 1] > space { return cell }
        while start < end, cell[start] == space || cell[start] == tab { start += 1 }
        while end > start, cell[end - 1] == space || cell[end - 1] == tab { end -= 1 }
        return UnsafeBufferPointer(rebasing: cell[start..<end])
    }

    /// Re-reads `columns` of the `rows` records that start at `start` as text (see the type's comment for why).
    func convertToText(_ accumulators: inout [ColumnAccumulator], columns: [Int], rows: Int, from start: Int,
                       reserving capacity: Int) throws {
        for c in columns { accumulators[c].beginText(reserving: capacity) }
        var scanner = RecordScanner(bytes: bytes, delimiter: delimiter, start: start)
        scanner.fieldLimit = accumulators.count + 1
        var fields: [FieldSpan] = []
        var scratch: [UInt8] = []
        for _ in 0..<rows {
            guard try scan(&scanner, &fields) != nil, fields.count == accumulators.count else {
                throw DataError("internal error: re-reading a column as text found fewer rows")
            }
            for c in columns {
                if case .tooManyLevels = withCell(fields[c], scratch: &scratch, { cell in accumulators[c].append(cell) }) {
                    throw DependsOnEarlierRows(error: DataError("column \(c + 1) has more than \(Int32.max) distinct values"))
                }
            }
        }
    }

    /// Records expected in `start..<end`, from the length of the first ones; used to reserve capacity
    /// once instead of growing arrays by doubling (which briefly needs 1.5× the memory). Never more than
    /// the stretch could hold: a record of `columns` fields takes at least `columns` bytes.
    /// (An overestimate only reserves address space; untouched pages are not resident.)
    func estimateRowCount(from start: Int, to end: Int, columns: Int) -> Int {
        var scanner = RecordScanner(bytes: bytes, delimiter: delimiter, start: start)
        scanner.fieldLimit = columns + 1
        var fields: [FieldSpan] = []
        var records = 0
        // 64 records, or fewer when they are long: a wide file's records can be megabytes each.
        while records < 64, scanner.position < min(end, start + (1 << 16)), (try? scanner.nextRecord(&fields)) ?? nil != nil {
            records += 1
        }
        let sampled = scanner.position - start
        guard records > 0, sampled > 0 else { return 0 }
        let remaining = max(0, end - start)
        let estimate = Double(remaining) / (Double(sampled) / Double(records)) * 1.05 + 16
        return min(Int(estimate), remaining / max(columns, 2) + 1)
    }

    // MARK: Errors

    private func scan(_ scanner: inout RecordScanner, _ fields: inout [FieldSpan]) throws -> Int? {
        do {
            return try scanner.nextRecord(&fields)
        } catch {
            throw dataError(error)
        }
    }

    private func dataError(_ failure: ScanFailure) -> DataError {
        let (line, column) = location(of: failure.offset)
        switch failure.kind {
        case .unterminatedQuote:
            return DataError("the quoted field that opens here is never closed", line: line, column: column,
                             hint: "end it with \" and write a quote inside a quoted field as \"\"")
        case .textAfterClosingQuote:
            let byte = bytes[failure.offset]
            let character = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(Self.hex(byte))"
            return DataError("unexpected character \(character) after a closing quote", line: line,
                             column: column,
                             hint: "a quoted field must end at a delimiter or line end; write a quote inside it as \"\"")
        case .invalidUTF8:
            return DataError("invalid UTF-8 (byte \(Self.hex(bytes[failure.offset])))", line: line, column: column,
                             hint: "save the file as UTF-8; it may be in Latin-1 or Windows-1252")
        case .binaryByte(let byte):
            return DataError("binary byte \(Self.hex(byte)) in text", line: line, column: column,
                             hint: "this does not look like a CSV or TSV text file")
        }
    }

    private func raggedRowError(fields: [FieldSpan], extra: Int, expected: Int, recordEnd: Int) -> DataError {
        let delimiterName = delimiter == UInt8(ascii: "\t") ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
        if fields.count > expected {
            let (line, column) = location(of: fields[expected].sourceOffset)
            return DataError("expected \(expected) fields (as in the header), found \(fields.count + extra)",
                             line: line, column: column,
                             hint: "a value containing the delimiter \(delimiterName) must be in double quotes")
        }
        let (line, column) = location(of: recordEnd)
        return DataError("expected \(expected) fields (as in the header), found \(fields.count)",
                         line: line, column: column,
                         hint: "each row needs one value per column; leave a cell empty or write NA when missing")
    }

    private func outOfRangeError(_ span: FieldSpan) -> DataError {
        let (line, column) = location(of: span.sourceOffset)
        var scratch: [UInt8] = []
        var text = withCell(span, scratch: &scratch) { String(decoding: Self.trimmed($0), as: UTF8.self) }
        // A number can be megabytes of digits: the message shows its start and its length.
        if text.count > 40 { text = String(text.prefix(24)) + "… (\(text.count) characters)" }
        return DataError("the number \(text) is out of range", line: line, column: column,
                         hint: "numbers must lie within ±1.8e308")
    }

    private func tooManyLevelsError(_ span: FieldSpan, column: String) -> DataError {
        let (line, position) = location(of: span.sourceOffset)
        return DataError("column '\(column)' has more than \(Int32.max) distinct values", line: line, column: position,
                         hint: "a categorical column this large cannot be analysed")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    /// The 1-based line and byte column of `offset`. Only called when reporting an error, so a linear
    /// count of line breaks costs nothing on the success path.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bodyStart
        var i = bodyStart
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            } else if b == UInt8(ascii: "\r") {
                if i + 1 < end, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, max(1, offset - lineStart + 1))
    }
}
