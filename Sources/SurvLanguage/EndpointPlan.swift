/// A checked endpoint definition: the columns, and for competing risks the status codes.
public struct EndpointPlan: Equatable, Sendable {
    public var name: String?
    public var start: String?
    public var time: String
    public var event: String
    public var causes: CausesSyntax?

    public init(name: String?, start: String? = nil, time: String, event: String, causes: CausesSyntax? = nil) {
        self.name = name
        self.start = start
        self.time = time
        self.event = event
        self.causes = causes
    }
}
