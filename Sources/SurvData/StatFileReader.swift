import CReadStat
import SurvCore

/// Reads Stata (`.dta`, formats 104 to 119: Stata 8 to 18), SPSS (`.sav`, `.zsav`, `.por`) and SAS
/// (`.sas7bdat`, `.xpt`) files through ReadStat into a `DataTable`.
///
/// - Numbers stay numbers; text columns become categories (levels in `LevelOrder`, as from a CSV file).
///   An empty text is missing, as in Stata.
/// - A numeric column with value labels (`1 = Male`) whose present values include a labelled one becomes a
///   category whose levels are in the order of their codes, each level the label or, for a code without
///   one, the code as a number; `Column.levelValues` keeps the codes. Labels of codes no row holds are
///   dropped, as are labels of missing codes.
/// - A variable label is kept as `Column.label`.
/// - Missing: Stata's `.` and `.a` to `.z`, SPSS's system-missing value and the values and ranges a column
///   declares missing, SAS's `.`, `._` and `.A` to `.Z` — and any value that is not a finite number.
/// - Dates and date-times (by the column's display format, as R's haven recognises them) become date
///   columns: days since 1970-01-01.
/// - Control characters in names, labels and text become spaces.
///
/// The bytes are the whole file, read already; nothing else is read. A file that is not of its format, is
/// cut short, or declares more than fits the limits below gives one `DataError` and no table.
public enum StatFileReader {
    /// Beyond these a file is refused before it exhausts memory: a compressed file can declare and hold far
    /// more rows than its size suggests.
    public static let maximumRows = 100_000_000
    /// Stata MP's limit.
    public static let maximumColumns = 120_000
    public static let maximumCells = 500_000_000
    /// A set of value labels (Stata allows 65,536) and all sets together.
    public static let maximumLabelsPerSet = 65_536
    public static let maximumLabels = 1_000_000
    /// The longest text value or label kept (Stata's `strL` can hold 2 GB in one cell).
    public static let maximumTextBytes = 65_536

    /// Reads a file by its name's extension (`StatFileFormat(fileName:)`); the table is named after the file.
    public static func read(bytes: [UInt8], fileName: String) throws -> DataTable {
        guard let format = StatFileFormat(fileName: fileName) else {
            throw DataError("'\(fileName)' is not a Stata, SPSS or SAS file by its name",
                            hint: "these end in " + StatFileFormat.extensions.map { "." + $0 }.joined(separator: ", "))
        }
        let stem = fileName.lastIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
        return try read(bytes: bytes, format: format, name: stem)
    }

    public static func read(bytes: [UInt8], format: StatFileFormat, name: String) throws -> DataTable {
        // A transport file has no row count: ReadStat reads records until the file ends, so a cut between
        // rows would go unnoticed. Its records are 80 bytes, padded to the last, so a cut elsewhere shows.
        if format == .sasTransport, bytes.count % 80 != 0 {
            throw DataError("the file is cut short: a SAS transport file is made of 80-byte records, and its last one is incomplete",
                            hint: "copy the file again from its source")
        }
        let values = UnsafeMutablePointer<crs_values>.allocate(capacity: 1)
        values.initialize(to: crs_values(columns: nil, column_count: 0, column_capacity: 0, maximum_rows: maximumRows, values_read: 0,
                                         failure: 0, failed_row: 0, text: textHandler, poll: pollHandler, context: nil))
        defer {
            crs_values_free(values)
            values.deallocate()
        }
        let collector = StatFileCollector(format: format, fileBytes: bytes.count, values: values)
        values.pointee.context = Unmanaged.passUnretained(collector).toOpaque()
        guard let parser = readstat_parser_init() else {
            throw DataError("cannot start reading the \(format.packageName) file: out of memory")
        }
        defer { readstat_parser_free(parser) }
        readstat_set_metadata_handler(parser, metadataHandler)
        readstat_set_variable_handler(parser, variableHandler)
        readstat_set_value_handler(parser, crs_value_handler)
        readstat_set_value_label_handler(parser, valueLabelHandler)
        readstat_set_error_handler(parser, errorHandler)
        let result = bytes.withUnsafeBytes { buffer in
            crs_parse(parser, format.parserFormat, buffer.baseAddress, buffer.count, values)
        }
        withExtendedLifetime(collector) {}
        if collector.interrupted { throw CoreError.interrupted }
        if let failure = collector.failure ?? collector.valuesFailure() { throw failure }
        guard result == READSTAT_OK else { throw collector.error(for: result) }
        return try collector.table(named: name)
    }
}

// The C callbacks capture nothing: each finds its collector through ReadStat's `void *ctx`, which is the
// crs_values that crs_value_handler fills, holding the collector as its own context.

private func collector(_ context: UnsafeMutableRawPointer?) -> StatFileCollector? {
    guard let values = context?.assumingMemoryBound(to: crs_values.self), let owner = values.pointee.context else { return nil }
    return Unmanaged<StatFileCollector>.fromOpaque(owner).takeUnretainedValue()
}

private let metadataHandler: readstat_metadata_handler = { metadata, context in
    guard let collector = collector(context), let metadata else { return Int32(READSTAT_HANDLER_ABORT) }
    return collector.metadata(rows: Int(readstat_get_row_count(metadata)), columns: Int(readstat_get_var_count(metadata)),
                              version: Int(readstat_get_file_format_version(metadata)))
}

private let variableHandler: readstat_variable_handler = { index, variable, labelSet, context in
    guard let collector = collector(context), let variable else { return Int32(READSTAT_HANDLER_ABORT) }
    return collector.variable(index: Int(index), variable, labelSet: labelSet)
}

private let textHandler: crs_text_handler = { row, column, _, value, owner in
    guard let owner else { return Int32(READSTAT_HANDLER_ABORT) }
    return Unmanaged<StatFileCollector>.fromOpaque(owner).takeUnretainedValue().text(row: Int(row), column: Int(column), value)
}

private let pollHandler: crs_poll_handler = { valuesRead, owner in
    guard let owner else { return 1 }
    return Unmanaged<StatFileCollector>.fromOpaque(owner).takeUnretainedValue().poll(valuesRead: valuesRead) ? 1 : 0
}

private let valueLabelHandler: readstat_value_label_handler = { labelSet, value, label, context in
    guard let collector = collector(context) else { return Int32(READSTAT_HANDLER_ABORT) }
    return collector.valueLabel(set: labelSet, value, label)
}

private let errorHandler: readstat_error_handler = { message, context in
    guard let collector = collector(context), let message else { return }
    collector.readStatMessage = StatText.decode(message, limit: 300)
}
