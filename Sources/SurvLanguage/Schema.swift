/// The type of a column or an expression's value.
public enum ValueType: String, Sendable, Equatable, Codable {
    case number, text, logical
    /// Days since 1970-01-01, shown as dates: two dates subtract to a number of days, a date plus a number
    /// of days is a date.
    case date
}

/// The loaded dataset's columns as the checker sees them: names in dataset order, each with its type,
/// found by name in constant time. It is immutable, so a session builds it once per dataset rather than
/// once per command, and checking a command that names k of n columns costs k lookups, not k·n.
public final class ColumnSchema: Sendable {
    public let names: [String]
    private let types: [ValueType]
    private let positions: [String: Int]
    /// Text columns made from value labels, whose levels stand for numbers: `where arm == 1` compares the
    /// numbers, `where arm == "Control"` the labels.
    private let coded: Set<String>

    public static let empty = ColumnSchema([])

    /// A repeated name keeps its first position, as a search from the front would find it.
    public init(_ columns: [(name: String, type: ValueType)], coded: Set<String> = []) {
        names = columns.map(\.name)
        types = columns.map(\.type)
        self.coded = coded
        var positions: [String: Int] = [:]
        positions.reserveCapacity(columns.count)
        for (index, column) in columns.enumerated() where positions[column.name] == nil {
            positions[column.name] = index
        }
        self.positions = positions
    }

    public func type(of column: String) -> ValueType? {
        positions[column].map { types[$0] }
    }

    public var columns: [(name: String, type: ValueType)] {
        Array(zip(names, types))
    }

    /// Whether `column` is a text column whose levels stand for numbers (value labels).
    public func isCoded(_ column: String) -> Bool {
        coded.contains(column)
    }
}

/// What the checker needs to know about the session: the loaded dataset's columns and what has been declared.
public struct CheckContext: Sendable {
    public var schema: ColumnSchema
    public var datasetLoaded: Bool
    public var bundledDatasets: [String]
    public var endpointNames: [String]
    public var hasCurrentEndpoint: Bool
    public var hasCoxModel: Bool
    /// What kind of survival data the current endpoint describes: commands defined for one kind only are
    /// refused, with a pointer to the one that fits, before they run.
    public var endpointKind: EndpointKind = .rightCensored
    /// After `split`: the columns it copied from each subject's row to every interval of it, and the interval
    /// columns it wrote. Nil for data that were not split.
    public var split: SplitColumns?

    public init(schema: ColumnSchema, datasetLoaded: Bool = false, bundledDatasets: [String] = [],
                endpointNames: [String] = [], hasCurrentEndpoint: Bool = false, hasCoxModel: Bool = false) {
        self.schema = schema
        self.datasetLoaded = datasetLoaded
        self.bundledDatasets = bundledDatasets
        self.endpointNames = endpointNames
        self.hasCurrentEndpoint = hasCurrentEndpoint
        self.hasCoxModel = hasCoxModel
    }

    public init(columns: [(name: String, type: ValueType)] = [], datasetLoaded: Bool = false, bundledDatasets: [String] = [],
                endpointNames: [String] = [], hasCurrentEndpoint: Bool = false, hasCoxModel: Bool = false) {
        self.init(schema: ColumnSchema(columns), datasetLoaded: datasetLoaded, bundledDatasets: bundledDatasets,
                  endpointNames: endpointNames, hasCurrentEndpoint: hasCurrentEndpoint, hasCoxModel: hasCoxModel)
    }

    /// Column names in dataset order; empty when nothing is loaded.
    public var columnNames: [String] { schema.names }

    /// Column names with their types in dataset order, built on each call.
    public var columns: [(name: String, type: ValueType)] { schema.columns }

    public func type(of column: String) -> ValueType? {
        schema.type(of: column)
    }
}

/// The shape of an endpoint's data.
public enum EndpointKind: Equatable, Sendable {
    /// One row per subject, followed from time 0: an event or a censoring.
    case rightCensored
    /// One row per subject whose status codes an event and competing causes.
    case competingRisks
    /// (start, stop] intervals: delayed entry, recurrent events, split follow-up.
    case countingProcess
}

/// What `split` did to the columns: an endpoint of the split data must use the interval columns, since a
/// copied column (the original time or event) repeats the subject's value on each of its intervals.
public struct SplitColumns: Sendable, Equatable {
    public var copied: Set<String>
    public var start: String
    public var stop: String
    public var event: String

    public init(copied: Set<String>, start: String, stop: String, event: String) {
        self.copied = copied
        self.start = start
        self.stop = stop
        self.event = event
    }
}
