/// A named column of a `DataTable`.
///
/// Accessors never trap: a row outside `0..<count`, or a code outside the levels of a hand-built
/// `ColumnData`, reads as missing.
public struct Column: Sendable, Equatable {
    /// The name as written in the file's header (trimmed of surrounding spaces). The surv language
    /// refers to a column by a bare identifier `[A-Za-z_][A-Za-z0-9_.]*`; a name that is not one
    /// (for example `wt loss` or `2nd`) is kept as it is and must be quoted in the language.
    public var name: String
    public var data: ColumnData
    /// What the column holds, in words ("Age at diagnosis (years)"): a Stata, SPSS or SAS file's variable
    /// label. Output shows it beside the name; the language refers to the column by its name only.
    public var label: String?
    /// For a categorical column made from a file's value labels: the number each level stands for, parallel
    /// to the levels, which are in the order of these numbers (0 = Control before 1 = Treated, as in Stata).
    /// The numbers keep their meaning: such a column is an event indicator by its codes, and `where arm == 1`
    /// compares them. Nil for any other column.
    public var levelValues: [Double]?
    /// Set for a numeric column of dates: the values are days since 1970-01-01 (R's `Date`), with a fraction
    /// of a day for a date and time.
    public var dateStyle: DateStyle?

    public init(name: String, data: ColumnData, label: String? = nil, levelValues: [Double]? = nil, dateStyle: DateStyle? = nil) {
        self.name = name
        self.data = data
        self.label = label
        self.levelValues = levelValues
        self.dateStyle = dateStyle
    }

    /// A numeric column; `nil` entries are missing.
    public init(name: String, numbers: [Double?]) {
        self.init(name: name, data: .number(numbers.map { $0 ?? 0 }, missing: numbers.map { $0 == nil }))
    }

    /// A categorical column; `nil` entries are missing. Levels are the distinct values in `LevelOrder`.
    public init(name: String, texts: [String?]) {
        let levels = LevelOrder.sorted(Array(Set(texts.compactMap { $0 })))
        var index: [String: Int32] = [:]
        for (i, level) in levels.enumerated() { index[level] = Int32(i) }
        self.init(name: name, data: .text(codes: texts.map { $0.flatMap { index[$0] } ?? -1 }, levels: levels))
    }

    /// The number of rows.
    public var count: Int {
        switch data {
        case .number(let values, let missing): return min(values.count, missing.count)
        case .text(let codes, _): return codes.count
        }
    }

    public var kind: ColumnKind {
        switch data {
        case .number: return .number
        case .text: return .text
        }
    }

    /// True when the cell is missing (or the row does not exist).
    public func isMissing(_ row: Int) -> Bool {
        switch data {
        case .number(let values, let missing):
            guard row >= 0, row < values.count, row < missing.count else { return true }
            return missing[row]
        case .text(let codes, let levels):
            guard row >= 0, row < codes.count else { return true }
            let code = codes[row]
            return code < 0 || Int(code) >= levels.count
        }
    }

    /// The number in `row`, or `nil` if missing or if this is a text column.
    public func number(at row: Int) -> Double? {
        guard case .number(let values, _) = data, !isMissing(row) else { return nil }
        return values[row]
    }

    /// The category in `row`, or `nil` if missing or if this is a numeric column.
    public func text(at row: Int) -> String? {
        guard case .text(let codes, let levels) = data, !isMissing(row) else { return nil }
        return levels[Int(codes[row])]
    }

    /// Whether `name` can be written as a bare identifier in the surv language.
    public var hasIdentifierName: Bool { Column.isIdentifier(name) }

    /// `[A-Za-z_][A-Za-z0-9_.]*`
    public static func isIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { return false }
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        guard isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == 46 }
    }

    /// The rows `rows` of this column, in that order. An index outside `0..<count` gives a missing
    /// cell, as indexing past the end does in R.
    public func selecting(rows: [Int]) -> Column {
        var selected = self
        switch data {
        case .number(let values, let missing):
            var newValues = [Double](repeating: 0, count: rows.count)
            var newMissing = [Bool](repeating: true, count: rows.count)
            for (i, row) in rows.enumerated() where row >= 0 && row < values.count && row < missing.count {
                newValues[i] = values[row]
                newMissing[i] = missing[row]
            }
            selected.data = .number(newValues, missing: newMissing)
        case .text(let codes, let levels):
            var newCodes = [Int32](repeating: -1, count: rows.count)
            for (i, row) in rows.enumerated() where row >= 0 && row < codes.count {
                newCodes[i] = codes[row]
            }
            selected.data = .text(codes: newCodes, levels: levels)
        }
        return selected
    }

    /// A column made from value labels as the numbers its levels stand for, with its missing mask; nil for
    /// any other column.
    public var codedNumbers: (values: [Double], missing: [Bool])? {
        guard let levelValues, case .text(let codes, _) = data else { return nil }
        var values = [Double](repeating: 0, count: codes.count)
        var missing = [Bool](repeating: true, count: codes.count)
        for (row, code) in codes.enumerated() where code >= 0 && Int(code) < levelValues.count {
            values[row] = levelValues[Int(code)]
            missing[row] = false
        }
        return (values, missing)
    }

    /// The number the level `code` stands for in a column made from value labels; nil for other columns
    /// and for a missing cell.
    public func levelValue(ofCode code: Int32) -> Double? {
        guard let levelValues, code >= 0, Int(code) < levelValues.count else { return nil }
        return levelValues[Int(code)]
    }
}
