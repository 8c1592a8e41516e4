import CReadStat
import SurvCore

/// What ReadStat reports while it parses one file, gathered column by column. Every count it is given comes
/// from the file and is checked against `StatFileReader`'s limits before anything is allocated for it.
final class StatFileCollector {
    private let format: StatFileFormat
    private let fileBytes: Int
    private var reservedRows = 0
    private var variables: [StatVariable] = []
    /// Value labels by set name, each set in the order the file lists them.
    private var labelSets: [String: [(code: Double, label: String)]] = [:]
    private var labelCount = 0
    /// The numbers gathered in C (see crs_values in CReadStat.h); text is gathered here, in `variables`.
    private let values: UnsafeMutablePointer<crs_values>
    private var sawHeader = false
    private var declaredRows: Int?
    /// The bytes a Stata file gives each value-label name in its variable list (9, 33 or 129 by format
    /// version). ReadStat hands the name over in place, not always ended by a NUL, so it is read no further.
    private var labelSetNameBytes = 9
    /// The reason this reader stopped the parse (ReadStat then reports a user abort).
    private(set) var failure: DataError?
    private(set) var interrupted = false
    /// ReadStat's own words on what went wrong, when it gives any.
    var readStatMessage: String?

    /// The sizes of readstat_variable_t's name, format and label arrays: text read from them stops there.
    static let nameBytes = 300, formatBytes = 256, labelBytes = 1024

    private let ok = Int32(READSTAT_HANDLER_OK)
    private let abort = Int32(READSTAT_HANDLER_ABORT)

    init(format: StatFileFormat, fileBytes: Int, values: UnsafeMutablePointer<crs_values>) {
        self.format = format
        self.fileBytes = fileBytes
        self.values = values
    }

    private func fail(_ message: String, hint: String? = nil) -> Int32 {
        if failure == nil { failure = DataError(message, hint: hint) }
        return abort
    }

    func metadata(rows: Int, columns: Int, version: Int) -> Int32 {
        sawHeader = true
        if format == .stata { labelSetNameBytes = version < 110 ? 9 : (version < 118 ? 33 : 129) }
        declaredRows = rows >= 0 ? rows : nil
        if columns > StatFileReader.maximumColumns {
            return fail("the file declares \(columns) columns; surv reads at most \(StatFileReader.maximumColumns)",
                        hint: "keep only the columns the analysis needs")
        }
        if rows > StatFileReader.maximumRows {
            return fail("the file declares \(rows) rows; surv reads at most \(StatFileReader.maximumRows)",
                        hint: "keep only the rows the analysis needs")
        }
        // The declared count is only a hint: room is made for at most as many rows as the file has bytes.
        if rows > 0 { reservedRows = min(rows, max(fileBytes, 1024), StatFileReader.maximumCells / max(columns, 1)) }
        return ok
    }

    func variable(index: Int, _ variable: UnsafeMutablePointer<readstat_variable_t>, labelSet: UnsafePointer<CChar>?) -> Int32 {
        guard index == variables.count else { return fail("the file's column \(index + 1) is out of order (the file is damaged)") }
        guard variables.count < StatFileReader.maximumColumns else {
            return fail("the file has more than \(StatFileReader.maximumColumns) columns", hint: "keep only the columns the analysis needs")
        }
        let position = "column \(index + 1)"
        guard let namePointer = readstat_variable_get_name(variable),
              let name = StatText.decode(namePointer, limit: Self.nameBytes - 1) else { return fail("the name of \(position) is not valid text") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return fail("\(position) has no name") }
        var label: String?
        if let pointer = readstat_variable_get_label(variable) {
            guard let text = StatText.decode(pointer, limit: Self.labelBytes - 1) else {
                return fail("the label of column '\(name)' is not valid text (UTF-8)", hint: "fix the label in the program that wrote the file")
            }
            label = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        }
        let isText = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
        var dateStyle: DateStyle?
        if !isText, let pointer = readstat_variable_get_format(variable), let format = StatText.decode(pointer, limit: Self.formatBytes - 1) {
            dateStyle = self.format.family.dateStyle(ofFormat: format)
        }
        let setLimit = format == .stata ? labelSetNameBytes - 1 : Self.formatBytes - 1
        let setName = labelSet.flatMap { StatText.decode($0, limit: setLimit) }.flatMap { $0.isEmpty ? nil : $0 }
        var column = StatVariable(name: name, label: label, isText: isText, labelSet: isText ? nil : setName, dateStyle: dateStyle)
        if isText { column.reserve(reservedRows) }
        guard crs_values_add_column(values, isText ? 1 : 0, isText ? 0 : reservedRows) == 0 else {
            return fail("the file declares more data than fits in memory", hint: "keep only the rows and columns the analysis needs")
        }
        variables.append(column)
        return ok
    }

    /// A text value (numbers are stored in C by crs_value_handler, which has checked the row's order).
    func text(row: Int, column index: Int, _ value: readstat_value_t) -> Int32 {
        guard index >= 0, index < variables.count, variables[index].isText else { return fail("a value of an undeclared column (the file is damaged)") }
        guard readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING, let pointer = readstat_string_value(value) else {
            variables[index].appendText(nil)
            return ok
        }
        guard let text = StatText.decode(pointer, limit: StatFileReader.maximumTextBytes) else {
            return fail("the text in row \(row + 1) of column '\(variables[index].name)' is longer than \(StatFileReader.maximumTextBytes) bytes or is not valid UTF-8")
        }
        variables[index].appendText(text.isEmpty ? nil : text)
        return ok
    }

    /// Asked every 65,536 values: Ctrl-C, and the limit on values.
    func poll(valuesRead: Int) -> Bool {
        if Interruption.isRequested() {
            interrupted = true
            return true
        }
        if valuesRead > StatFileReader.maximumCells {
            _ = fail("the file has more than \(StatFileReader.maximumCells) values", hint: "keep only the rows and columns the analysis needs")
            return true
        }
        return false
    }

    /// Why crs_value_handler stopped the parse, if it did.
    func valuesFailure() -> DataError? {
        let row = values.pointee.failed_row + 1
        switch Int32(values.pointee.failure) {
        case Int32(CRS_VALUES_OK), Int32(CRS_VALUES_STOPPED): return nil
        case Int32(CRS_VALUES_OUT_OF_MEMORY):
            return DataError("the file holds more data than fits in memory", hint: "keep only the rows and columns the analysis needs")
        case Int32(CRS_VALUES_TOO_MANY_ROWS):
            return DataError("the file has more than \(StatFileReader.maximumRows) rows", hint: "keep only the rows the analysis needs")
        case Int32(CRS_VALUES_UNDECLARED_COLUMN):
            return DataError("row \(row) holds a value of an undeclared column: the file is damaged", hint: "copy the file again from its source")
        default:
            return DataError("the values of row \(row) are out of order: the file is damaged", hint: "copy the file again from its source")
        }
    }

    func valueLabel(set: UnsafePointer<CChar>?, _ value: readstat_value_t, _ label: UnsafePointer<CChar>?) -> Int32 {
        guard let set, let name = StatText.decode(set, limit: 128), let label else { return ok }
        // Labels of missing codes (Stata's .a, SPSS's declared missing) and of text values are not levels.
        guard readstat_value_type_class(value) == READSTAT_TYPE_CLASS_NUMERIC, readstat_value_is_system_missing(value) == 0,
              readstat_value_is_tagged_missing(value) == 0 else { return ok }
        let code = readstat_double_value(value)
        guard code.isFinite else { return ok }
        guard let text = StatText.decode(label, limit: StatFileReader.maximumTextBytes) else {
            return fail("the value label of \(StatText.number(code)) in the label set '\(name)' is longer than \(StatFileReader.maximumTextBytes) bytes or is not valid UTF-8",
                        hint: "fix the label in the program that wrote the file")
        }
        labelCount += 1
        guard labelCount <= StatFileReader.maximumLabels else {
            return fail("the file has more than \(StatFileReader.maximumLabels) value labels")
        }
        guard labelSets[name, default: []].count < StatFileReader.maximumLabelsPerSet else {
            return fail("the label set '\(name)' has more than \(StatFileReader.maximumLabelsPerSet) labels")
        }
        labelSets[name, default: []].append((code, text))
        return ok
    }

    /// The error for a parse that ReadStat ended with `result`, worded for someone who only has the file.
    func error(for result: readstat_error_t) -> DataError {
        let package = format.packageName
        let rowsRead = values.pointee.column_count > 0 ? Int(values.pointee.columns[Int(values.pointee.column_count) - 1].count) : 0
        let detail = readStatMessage.map { " (\($0))" } ?? ""
        let endedEarly = [READSTAT_ERROR_READ, READSTAT_ERROR_SEEK, READSTAT_ERROR_OPEN].contains(result)
        if endedEarly && !sawHeader {
            return DataError("this is not \(format.withArticle) file, or it is cut short before the end of its header",
                             hint: "check that the file's extension matches the program that wrote it")
        }
        switch result {
        case READSTAT_ERROR_READ, READSTAT_ERROR_SEEK, READSTAT_ERROR_OPEN:
            let place = rowsRead > 0 ? " after \(rowsRead) row\(rowsRead == 1 ? "" : "s")" : ""
            return DataError("the file ends before the data it declares\(place): it is cut short or damaged", hint: "copy the file again from its source")
        case READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
            return DataError("this \(package) file's version is not one surv can read\(detail)",
                             hint: "save it again from \(package) in a recent format (Stata: saveold or save; SPSS: .sav)")
        case READSTAT_ERROR_UNSUPPORTED_COMPRESSION:
            return DataError("this \(package) file uses a compression surv cannot read\(detail)", hint: "save it again without compression")
        case READSTAT_ERROR_UNSUPPORTED_CHARSET, READSTAT_ERROR_CONVERT, READSTAT_ERROR_CONVERT_BAD_STRING,
             READSTAT_ERROR_CONVERT_SHORT_STRING, READSTAT_ERROR_CONVERT_LONG_STRING:
            return DataError("the text in this \(package) file is not in the character set it declares\(detail)",
                             hint: "save it again from \(package) as UTF-8 (Stata 14 and later do)")
        case READSTAT_ERROR_MALLOC:
            return DataError("this \(package) file declares more data than fits in memory: it is damaged, or too large",
                             hint: "keep only the rows and columns the analysis needs")
        case READSTAT_ERROR_ROW_COUNT_MISMATCH where declaredRows != nil:
            return DataError("this \(package) file holds fewer rows than the \(declaredRows ?? 0) its header declares: it is cut short or damaged",
                             hint: "copy the file again from its source")
        case READSTAT_ERROR_ROW_COUNT_MISMATCH, READSTAT_ERROR_COLUMN_COUNT_MISMATCH, READSTAT_ERROR_ROW_WIDTH_MISMATCH:
            return DataError("this \(package) file's rows do not match what its header declares: it is damaged\(detail)",
                             hint: "copy the file again from its source")
        default:
            return DataError("this is not \(format.withArticle) file, or it is damaged\(detail)",
                             hint: "check that the file's extension matches the program that wrote it")
        }
    }

    /// The columns gathered, once the whole file has been read.
    func table(named name: String) throws -> DataTable {
        guard Int(values.pointee.column_count) == variables.count else {
            throw DataError("the file's columns do not match its values: it is damaged", hint: "copy the file again from its source")
        }
        let gathered = UnsafeBufferPointer(start: values.pointee.columns, count: variables.count)
        let rows = gathered.first.map { Int($0.count) } ?? 0
        var columns: [Column] = []
        columns.reserveCapacity(variables.count)
        for (variable, numbers) in zip(variables, gathered) {
            guard Int(numbers.count) == rows, variable.isText || numbers.count == 0 || numbers.values != nil else {
                throw DataError("column '\(variable.name)' has \(numbers.count) values but the file has \(rows) rows: it is damaged",
                                hint: "copy the file again from its source")
            }
            let labels = variable.labelSet.flatMap { labelSets[$0] } ?? []
            if variable.isText {
                columns.append(variable.column(labels: labels, family: format.family))
                continue
            }
            let count = Int(numbers.count)
            let values = Array(UnsafeBufferPointer(start: numbers.values, count: count))
            // The C side stores exactly 0 or 1 per cell, Bool's own representation.
            let missing = [Bool](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0, let source = numbers.missing, let target = buffer.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count)
                }
                initialized = count
            }
            columns.append(variable.column(numbers: values, missing: missing, labels: labels, family: format.family))
        }
        return try DataTable(name: name, columns: columns)
    }
}
