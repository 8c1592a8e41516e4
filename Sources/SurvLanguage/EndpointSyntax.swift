import SurvCore

/// `endpoint [NAME =] [START,] TIME, STATUS [event CODE competing CODE, ...]` as written.
public struct EndpointSyntax: Equatable, Sendable {
    public var name: Name?
    /// The entry time of (start, stop] data; nil for one row per subject from time 0.
    public var start: Name?
    public var time: Name
    public var event: Name
    /// `event CODE competing CODE, ...`: the status column's codes for the event and its competing causes.
    public var causes: CausesSyntax?

    public init(name: Name?, start: Name? = nil, time: Name, event: Name, causes: CausesSyntax? = nil) {
        self.name = name
        self.start = start
        self.time = time
        self.event = event
        self.causes = causes
    }
}

/// A code of a status column as written: a number or a quoted string, with where it was written.
public struct StatusCode: Equatable, Hashable, Sendable {
    public enum Value: Equatable, Hashable, Sendable {
        case number(Double)
        case text(String)
    }
    public var value: Value
    public var range: SourceRange
    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    /// As the user wrote it: `2`, `"relapse"`.
    public var written: String {
        switch value {
        case .number(let x): return NumberText.short(x)
        case .text(let s): return "\"\(s)\""
        }
    }

    /// As a cause is labelled in tables and JSON: the code as text.
    public var label: String {
        switch value {
        case .number(let x): return NumberText.short(x)
        case .text(let s): return s
        }
    }
}

public struct CausesSyntax: Equatable, Sendable {
    public var event: StatusCode
    public var competing: [StatusCode]
    public init(event: StatusCode, competing: [StatusCode]) {
        self.event = event
        self.competing = competing
    }
}
