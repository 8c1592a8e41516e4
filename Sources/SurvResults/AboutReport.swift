/// `about DATASET`: what a bundled data set is — its one-line description, the endpoints it declares on
/// `load`, and its data dictionary when it has one (graall's: provenance, units, codes, departures from
/// the paper).
public struct AboutReport: Codable, Equatable, Sendable {
    public struct DeclaredEndpoint: Codable, Equatable, Sendable {
        public var name: String
        public var time: String
        public var event: String
        public init(name: String, time: String, event: String) {
            self.name = name
            self.time = time
            self.event = event
        }
    }

    public var dataset: String
    public var about: String
    public var endpoints: [DeclaredEndpoint]
    /// Markdown text, printed as it is written.
    public var dictionary: String?

    public init(dataset: String, about: String, endpoints: [DeclaredEndpoint], dictionary: String?) {
        self.dataset = dataset
        self.about = about
        self.endpoints = endpoints
        self.dictionary = dictionary
    }
}
