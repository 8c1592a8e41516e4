/// Whether a column holds numbers or categories.
public enum ColumnKind: String, Sendable, Equatable, Codable {
    case number
    case text
}

/// The values of one column, stored flat so that statistics can run over them without conversion.
///
/// - `number`: one `Double` per row plus a parallel missing mask. At a missing position the stored value
///   is `0` (never `NaN`, so that tables stay `Equatable` to themselves); always consult `missing`.
/// - `text`: a categorical column. `codes[row]` indexes `levels`; `-1` means missing. `levels` are in
///   `LevelOrder`, the order R's `factor()` gives under en_US.UTF-8 (a, A, b, B).
public enum ColumnData: Sendable, Equatable {
    case number([Double], missing: [Bool])
    case text(codes: [Int32], levels: [String])
}
