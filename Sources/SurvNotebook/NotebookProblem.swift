/// Something wrong with a notebook file itself (as opposed to a cell whose output differs): where it is
/// and what to do about it. Problems are values, never traps: a notebook may come from anyone.
public struct NotebookProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line in the notebook file; nil when the problem is the whole file.
    public var line: Int?
    public var message: String
    public var hint: String?

    public init(line: Int?, _ message: String, hint: String? = nil) {
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String { formatted(file: nil) }

    /// `FILE:LINE: error: message`, then the hint on its own line.
    public func formatted(file: String?) -> String {
        var location = file ?? ""
        if let line { location += (location.isEmpty ? "line " : ":") + String(line) }
        var out = (location.isEmpty ? "" : location + ": ") + "error: " + message
        if let hint { out += "\n  hint: " + hint }
        return out
    }
}
