/// What happened to a cell offered to a `ColumnAccumulator`.
enum CellOutcome {
    case stored
    /// The cell is not a number and the column is still numeric: convert the column, then offer it again.
    case needsText
    /// A well-formed number beyond the range of `Double`.
    case outOfRange
    /// More than 2³¹ − 1 distinct categories.
    case tooManyLevels
}

/// Collects one column's cells while the file is read: numbers while every cell so far is one,
/// interned codes once the column has turned out to be text.
///
/// Missing cells: empty (or only spaces) and `NA`, quoted or not. A lone `.` is *not* missing (it is
/// Stata's missing value, but also a plausible category); a numeric column containing `.` becomes text.
struct ColumnAccumulator {
    private(set) var isText = false
    private var numbers: [Double] = []
    private var missing: [Bool] = []
    private var codes: [Int32] = []
    private var interner = ByteInterner()

    /// Room for `rows` cells in the storage the column uses now. Called once its first cell has shown
    /// the kind, so that a text column never reserves numbers only to free them (see `FreedMemory`).
    mutating func reserve(_ rows: Int) {
        if isText {
            codes.reserveCapacity(rows)
        } else {
            numbers.reserveCapacity(rows)
            missing.reserveCapacity(rows)
        }
    }

    static func isMissing(_ trimmed: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed.isEmpty || (trimmed.count == 2 && trimmed[0] == UInt8(ascii: "N") && trimmed[1] == UInt8(ascii: "A"))
    }

    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) -> CellOutcome {
        let trimmed = DelimitedTextParser.trimmed(cell)
        if isText {
            // Categories keep their spaces, as R's read.csv does (strip.white = FALSE).
            if Self.isMissing(trimmed) {
                codes.append(-1)
            } else {
                guard let code = interner.intern(cell) else { return .tooManyLevels }
                codes.append(code)
            }
            return .stored
        }
        if Self.isMissing(trimmed) {
            numbers.append(0)
            missing.append(true)
            return .stored
        }
        switch DecimalParser.parse(trimmed) {
        case .value(let value):
            numbers.append(value)
            missing.append(false)
            return .stored
        case .notANumber:
            return .needsText
        case .outOfRange:
            return .outOfRange
        }
    }

    /// Switches to text, dropping the numbers; the caller re-offers the earlier cells.
    mutating func beginText(reserving rows: Int) {
        isText = true
        numbers = []
        missing = []
        codes.reserveCapacity(rows)
    }

    /// Hands over the numbers and their missing flags, leaving this accumulator empty.
    mutating func takeNumbers() -> (values: [Double], missing: [Bool]) {
        defer { numbers = []; missing = [] }
        return (numbers, missing)
    }

    /// The distinct texts met so far, by code.
    var textValues: ByteInterner { interner }

    /// Hands over the codes and the values they stand for, leaving this accumulator empty.
    mutating func takeText() -> (codes: [Int32], interner: ByteInterner) {
        defer { codes = []; interner = ByteInterner() }
        return (codes, interner)
    }

    /// The finished column data; text levels in `LevelOrder` (R's factor level order) and codes renumbered to match.
    func finish() -> ColumnData {
        guard isText else { return .number(numbers, missing: missing) }
        let (levels, newCode) = Self.orderLevels(interner)
        let renumbered = codes.map { $0 < 0 ? -1 : newCode[Int($0)] }
        return .text(codes: renumbered, levels: levels)
    }

    /// The interned values in `LevelOrder`, and each interned code's rank among them.
    static func orderLevels(_ interner: ByteInterner) -> (levels: [String], rank: [Int32]) {
        let values = interner.values()
        let order = LevelOrder.order(values)
        var rank = [Int32](repeating: 0, count: values.count)
        for (position, old) in order.enumerated() { rank[old] = Int32(position) }
        return (order.map { values[$0] }, rank)
    }
}
