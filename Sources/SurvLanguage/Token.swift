/// The smallest meaningful pieces of a command line.
public enum TokenKind: Equatable, Sendable {
    case identifier(String)
    case number(Double)
    case string(String)
    case symbol(Symbol)
    case end

    public enum Symbol: String, Sendable, CaseIterable {
        case leftParen = "(", rightParen = ")", comma = ",", semicolon = ";", colon = ":"
        case plus = "+", minus = "-", star = "*", slash = "/", caret = "^"
        case plusMinus = "±"
        case assign = "=", equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    }
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange
    /// The exact characters of the token as typed.
    public var text: String

    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    public func isSymbol(_ symbol: TokenKind.Symbol) -> Bool { kind == .symbol(symbol) }
    /// A name written between backquotes (`` `Group Name` ``): always a name, never a keyword, command or function.
    public var isBackquoted: Bool { text.first == "`" }

    public func isWord(_ word: String) -> Bool { !isBackquoted && identifier?.lowercased() == word }
}
