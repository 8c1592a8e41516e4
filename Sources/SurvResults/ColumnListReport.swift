/// `show columns`: what the loaded data set's columns are, as a Stata user's `describe` lists them.
public struct ColumnListReport: Codable, Equatable, Sendable {
    public var dataset: String
    public var rows: Int
    public var columns: [ColumnInfo]

    public init(dataset: String, rows: Int, columns: [ColumnInfo]) {
        self.dataset = dataset
        self.rows = rows
        self.columns = columns
    }
}

public struct ColumnInfo: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case number
        /// Categories (levels in level order).
        case text
        /// Categories made from value labels: each level stands for a number.
        case labelled
        case date
        case dateTime = "date-time"
    }

    public var name: String
    public var kind: Kind
    /// The variable label, if the file gave one.
    public var label: String?
    /// For categories: their levels in order; for labelled ones `codes` holds the number of each.
    public var levels: [String]
    public var codes: [Double]?
    public var missing: Int

    public init(name: String, kind: Kind, label: String?, levels: [String] = [], codes: [Double]? = nil, missing: Int) {
        self.name = name
        self.kind = kind
        self.label = label
        self.levels = levels
        self.codes = codes
        self.missing = missing
    }
}
