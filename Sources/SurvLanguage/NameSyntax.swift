/// How a column name is written in a command. A name made of letters, digits, `_` and `.` that starts with a
/// letter or `_` is written bare (`ph.ecog`); any other name — a CSV header such as `Group Name` or
/// `HR (95%)` — is written between backquotes, as R writes non-syntactic names, with a backquote inside the
/// name doubled (`` `a``b` `` is the name a`b). The lexer and the hints share this one rule, so a name that
/// a hint or a completion offers always reads back as the same column.
public enum NameSyntax {
    public static func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
    public static func isNameContinuation(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." }

    /// Words the expression grammar reads as operators: a column of that name is offered backquoted, since
    /// `where x == 1 and and == 2` reads badly even where the parser would cope.
    static let reservedWords: Set<String> = ["and", "or", "not", "in"]

    /// True when `name` can be written without backquotes.
    public static func isPlain(_ name: String) -> Bool {
        guard let first = name.first, isNameStart(first), name.dropFirst().allSatisfy(isNameContinuation) else { return false }
        return !reservedWords.contains(name.lowercased())
    }

    /// The name as a command must spell it: bare when it can be, backquoted otherwise.
    public static func written(_ name: String) -> String {
        isPlain(name) ? name : "`" + String(name.flatMap { $0 == "`" ? ["`", "`"] : [$0] }) + "`"
    }
}
