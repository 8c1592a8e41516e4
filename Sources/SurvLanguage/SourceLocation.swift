/// A position in a command's source text, 1-based as editors and `FILE:LINE:COL` messages show it.
public struct SourceLocation: Equatable, Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A half-open range of character offsets into one line of source, with the location of its start.
public struct SourceRange: Equatable, Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var line: Int
    public init(start: Int, end: Int, line: Int = 1) {
        self.start = start
        self.end = max(start, end)
        self.line = line
    }
    public var location: SourceLocation { SourceLocation(line: line, column: start + 1) }
    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end), line: line)
    }
}
