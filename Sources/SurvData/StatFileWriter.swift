import CReadStat
import SurvCore

/// Writes a table as a Stata 14+ (`.dta`, format 118) or SPSS (`.sav`) file through ReadStat's writers:
/// numbers as doubles; dates with Stata's `%td`/`%tc` or SPSS's `DATE11`/`DATETIME20` formats; a labelled
/// column as its codes with its value labels (Stata's labels need whole-number codes: other codes are
/// written as their labels' text); other categories as text; variable labels kept.
enum StatFileWriter {
    /// Longest variable label each format keeps (Stata's is 80 characters; SPSS's 255 bytes).
    static let stataLabelCharacters = 80
    static let spssLabelBytes = 255
    /// SPSS keeps 120 bytes of a value label; Stata's str# holds 2045 bytes, longer text goes to strL.
    static let spssValueLabelBytes = 120
    static let stataStringBytes = 2045
    static let spssStringBytes = 32_767

    private enum Plan {
        case number(values: [Double], missing: [Bool], scale: (Double) -> Double)
        case coded(codes: [Int32], values: [Double], asInteger: Bool)
        case text(codes: [Int32], levels: [[CChar]])
        /// Stata's long strings; a missing cell is a reference to the empty string, Stata's missing text.
        case textRef(codes: [Int32], refs: [OpaquePointer?], empty: OpaquePointer)
    }

    static func encode(_ table: DataTable, as format: ExportFormat) throws -> ExportedData {
        let stata = format == .stata
        let family: StatFileFamily = stata ? .stata : .spss
        let names = ExportNames.names(for: table.columnNames, format: format)
        guard let writer = readstat_writer_init() else { throw DataError("cannot start writing the file: out of memory") }
        defer { readstat_writer_free(writer) }
        // ReadStat keeps the pointer to its output until the writer is done: the buffer lives on the heap.
        let buffer = UnsafeMutablePointer<crs_buffer>.allocate(capacity: 1)
        buffer.initialize(to: crs_buffer(data: nil, length: 0, capacity: 0, limit: DataExport.maximumBytes, failed: 0))
        defer {
            crs_buffer_free(buffer)
            buffer.deallocate()
        }
        try check(readstat_set_data_writer(writer, crs_buffer_write), "start the file")
        if stata { try check(readstat_writer_set_file_format_version(writer, 118), "start the file") }

        var plans: [Plan] = []
        var variables: [UnsafeMutablePointer<readstat_variable_t>] = []
        var shortened: [String] = []
        for (column, name) in zip(table.columns, names) {
            let plan: Plan
            let type: readstat_type_t
            var width = 0
            var format: String?
            switch column.data {
            case .number(let values, let missing):
                type = READSTAT_TYPE_DOUBLE
                if let style = column.dateStyle {
                    format = stata ? (style == .date ? "%td" : "%tc") : (style == .date ? "DATE11" : "DATETIME20")
                    plan = .number(values: values, missing: missing, scale: { family.stored(fromDays: $0, style: style) })
                } else {
                    plan = .number(values: values, missing: missing, scale: { $0 })
                }
            case .text(let codes, let levels):
                let values = column.levelValues ?? []
                let integral = values.allSatisfy { $0 == $0.rounded() && Swift.abs($0) <= 2_147_483_620 }
                if values.count == levels.count, !stata || integral {
                    type = stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE
                    plan = .coded(codes: codes, values: values, asInteger: stata)
                } else {
                    let used = usedLevels(codes, count: levels.count)
                    width = max(1, used.map { levels[$0].utf8.count }.max() ?? 1)
                    let limit = stata ? stataStringBytes : spssStringBytes
                    if width > limit && !stata {
                        throw DataError("column '\(column.name)' holds text of \(width) bytes; an SPSS file holds at most \(limit)",
                                        hint: "export as .dta or .csv instead")
                    }
                    if width > limit {
                        type = READSTAT_TYPE_STRING_REF
                        var refs = [OpaquePointer?](repeating: nil, count: levels.count)
                        for index in used {
                            guard let ref = readstat_add_string_ref(writer, levels[index]) else {
                                throw DataError("cannot write the long text of column '\(column.name)': out of memory")
                            }
                            refs[index] = OpaquePointer(ref)
                        }
                        guard let empty = readstat_add_string_ref(writer, "") else {
                            throw DataError("cannot write the long text of column '\(column.name)': out of memory")
                        }
                        plan = .textRef(codes: codes, refs: refs, empty: OpaquePointer(empty))
                        width = 0
                    } else {
                        type = READSTAT_TYPE_STRING
                        plan = .text(codes: codes, levels: levels.map { Array($0.utf8CString) })
                    }
                }
            }
            guard let variable = readstat_add_variable(writer, name, type, width) else {
                throw DataError("cannot write column '\(column.name)': out of memory")
            }
            if let format { readstat_variable_set_format(variable, format) }
            if let label = column.label, !label.isEmpty {
                let kept = stata ? String(label.prefix(stataLabelCharacters)) : prefix(label, bytes: spssLabelBytes)
                if kept != label { shortened.append(column.name) }
                readstat_variable_set_label(variable, kept)
            }
            if case .coded(_, let values, let asInteger) = plan, case .text(let codes, let levels) = column.data {
                let setType = asInteger ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE
                guard let set = readstat_add_label_set(writer, setType, name) else {
                    throw DataError("cannot write the value labels of column '\(column.name)': out of memory")
                }
                // A code that had no label when read is its own level (`3`): it gets none when written.
                for index in usedLevels(codes, count: levels.count) where levels[index] != StatText.number(values[index]) {
                    let label = stata ? levels[index] : prefix(levels[index], bytes: spssValueLabelBytes)
                    if asInteger { readstat_label_int32_value(set, Int32(values[index]), label) }
                    else { readstat_label_double_value(set, values[index], label) }
                }
                readstat_variable_set_label_set(variable, set)
            }
            plans.append(plan)
            variables.append(variable)
        }

        let rows = table.rowCount
        let begin = stata ? readstat_begin_writing_dta(writer, buffer, rows) : readstat_begin_writing_sav(writer, buffer, rows)
        try check(begin, "start the file", buffer)
        for row in 0..<rows {
            if row & 0xFFFF == 0 { try Interruption.checkpoint() }
            try check(readstat_begin_row(writer), "write row \(row + 1)", buffer)
            for (plan, variable) in zip(plans, variables) {
                try check(insert(plan, row: row, writer: writer, variable: variable), "write row \(row + 1)", buffer)
            }
            try check(readstat_end_row(writer), "write row \(row + 1)", buffer)
        }
        try check(readstat_end_writing(writer), "finish the file", buffer)
        let written = buffer.pointee
        let bytes = written.data.map { Array(UnsafeBufferPointer(start: $0, count: written.length)) } ?? []
        let renamed = zip(table.columnNames, names).filter { $0 != $1 }.map { (from: $0, to: $1) }
        return ExportedData(bytes: bytes, renamed: renamed, shortenedLabels: shortened)
    }

    private static func insert(_ plan: Plan, row: Int, writer: UnsafeMutablePointer<readstat_writer_t>,
                               variable: UnsafeMutablePointer<readstat_variable_t>) -> readstat_error_t {
        switch plan {
        case .number(let values, let missing, let scale):
            guard row < values.count, row < missing.count, !missing[row] else { return readstat_insert_missing_value(writer, variable) }
            let value = scale(values[row])
            guard value.isFinite else { return readstat_insert_missing_value(writer, variable) }
            return readstat_insert_double_value(writer, variable, value)
        case .coded(let codes, let values, let asInteger):
            guard row < codes.count, codes[row] >= 0, Int(codes[row]) < values.count else { return readstat_insert_missing_value(writer, variable) }
            let value = values[Int(codes[row])]
            return asInteger ? readstat_insert_int32_value(writer, variable, Int32(value)) : readstat_insert_double_value(writer, variable, value)
        case .text(let codes, let levels):
            guard row < codes.count, codes[row] >= 0, Int(codes[row]) < levels.count else { return readstat_insert_missing_value(writer, variable) }
            return levels[Int(codes[row])].withUnsafeBufferPointer { readstat_insert_string_value(writer, variable, $0.baseAddress) }
        case .textRef(let codes, let refs, let empty):
            var ref = empty
            if row < codes.count, codes[row] >= 0, Int(codes[row]) < refs.count, let present = refs[Int(codes[row])] { ref = present }
            return readstat_insert_string_ref(writer, variable, UnsafeMutablePointer<readstat_string_ref_t>(ref))
        }
    }

    private static func usedLevels(_ codes: [Int32], count: Int) -> [Int] {
        var used = [Bool](repeating: false, count: count)
        for code in codes where code >= 0 && Int(code) < count { used[Int(code)] = true }
        return used.indices.filter { used[$0] }
    }

    /// The longest beginning of `text` of at most `bytes` UTF-8 bytes that ends between characters.
    private static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var kept = ""
        var count = 0
        for character in text {
            count += character.utf8.count
            if count > bytes { break }
            kept.append(character)
        }
        return kept
    }

    private static func check(_ result: readstat_error_t, _ what: String, _ buffer: UnsafeMutablePointer<crs_buffer>? = nil) throws {
        guard result != READSTAT_OK else { return }
        if let buffer, buffer.pointee.failed != 0 {
            throw DataError("cannot \(what): the file would be larger than \(DataExport.maximumBytes >> 30) GB, or memory ran out",
                            hint: "export fewer rows (where) first")
        }
        let reason = readstat_error_message(result).map { String(cString: $0) } ?? "error \(result.rawValue)"
        throw DataError("cannot \(what): \(reason)", hint: "export as .csv instead")
    }
}
