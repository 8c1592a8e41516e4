/// A failure to read or assemble a table, located in the input where that is meaningful.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based line in the file (physical line: a quoted field spanning lines counts each line).
    public var line: Int?
    /// 1-based byte column on that line (a UTF-8 byte-order mark is not counted).
    public var column: Int?
    /// What the user can do about it.
    public var hint: String?

    public init(_ message: String, line: Int? = nil, column: Int? = nil, hint: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint
    }

    public var description: String {
        var text = ""
        if let line {
            text += "line \(line)"
            if let column { text += ", column \(column)" }
            text += ": "
        }
        text += message
        if let hint { text += " (\(hint))" }
        return text
    }
}
