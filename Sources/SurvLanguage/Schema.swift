/// The type of a column or an expression's value.
public enum ValueType: String, Sendable, Equatable, Codable {
    case number, text, logical
}

/// What the checker needs to know about the session: the loaded dataset's columns and what has been declared.
public struct CheckContext: Sendable {
    /// Column names in dataset order with their types; empty when nothing is loaded.
    public var columns: [(name: String, type: ValueType)]
    public var datasetLoaded: Bool
    public var bundledDatasets: [String]
    public var endpointNames: [String]
    public var hasCurrentEndpoint: Bool
    public var hasCoxModel: Bool

    public init(columns: [(name: String, type: ValueType)] = [], datasetLoaded: Bool = false, bundledDatasets: [String] = [],
                endpointNames: [String] = [], hasCurrentEndpoint: Bool = false, hasCoxModel: Bool = false) {
        self.columns = columns
        self.datasetLoaded = datasetLoaded
        self.bundledDatasets = bundledDatasets
        self.endpointNames = endpointNames
        self.hasCurrentEndpoint = hasCurrentEndpoint
        self.hasCoxModel = hasCoxModel
    }

    public func type(of column: String) -> ValueType? {
        columns.first { $0.name == column }?.type
    }
}
