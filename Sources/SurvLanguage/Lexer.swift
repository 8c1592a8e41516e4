/// Turns one line of source into tokens. Works on Characters so that columns match what the user sees.
/// Linear in the line's length, whatever it contains: the lexer is fed untrusted input.
public struct Lexer {
    private let chars: [Character]
    private let line: Int
    private var position = 0

    public init(_ source: String, line: Int = 1) {
        self.chars = Array(source)
        self.line = line
    }

    /// All tokens of the line, ending with `.end`. A `#` outside a string starts a comment.
    public static func tokenize(_ source: String, line: Int = 1) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source, line: line)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func range(_ start: Int) -> SourceRange { SourceRange(start: start, end: position, line: line) }
    private func text(_ start: Int) -> String { String(chars[start..<position]) }
    private var current: Character? { position < chars.count ? chars[position] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    mutating func next() throws(Diagnostic) -> Token {
        while let c = current, c.isWhitespace { position += 1 }
        let start = position
        guard let c = current, c != "#" else {
            return Token(kind: .end, range: SourceRange(start: chars.count, end: chars.count, line: line), text: "")
        }
        if c == "\u{FFFD}" {
            throw Diagnostic("the line is not valid UTF-8 text", at: SourceRange(start: start, end: start + 1, line: line),
                             hint: "save the file as UTF-8")
        }
        if NameSyntax.isNameStart(c) {
            position += 1
            while let d = current, NameSyntax.isNameContinuation(d) { position += 1 }
            return Token(kind: .identifier(text(start)), range: range(start), text: text(start))
        }
        if c.isASCII && (c.isNumber || (c == "." && (peek()?.isASCII ?? false) && (peek()?.isNumber ?? false))) {
            return try number(start)
        }
        if c == "\"" { return try string(start) }
        // Quotes pasted from slides or a word processor: “text” is read as "text".
        if c == "\u{201C}" || c == "\u{201D}" { return try string(start, closers: ["\"", "\u{201C}", "\u{201D}"]) }
        if c == "`" { return try backquotedName(start) }
        return try symbol(start, c)
    }

    private mutating func number(_ start: Int) throws(Diagnostic) -> Token {
        func digits() { while let d = current, d.isASCII, d.isNumber { position += 1 } }
        digits()
        if current == ".", let n = peek(), n.isASCII, n.isNumber { position += 1; digits() }
        else if current == "." { position += 1 }
        if current == "e" || current == "E" {
            let save = position
            position += 1
            if current == "+" || current == "-" { position += 1 }
            if let d = current, d.isASCII, d.isNumber { digits() } else { position = save }
        }
        if let d = current, d.isLetter || d == "_" {
            while let e = current, e.isLetter || e.isNumber || e == "_" || e == "." { position += 1 }
            throw Diagnostic("'\(text(start))' is neither a number nor a name", at: range(start),
                             hint: "names start with a letter")
        }
        guard let value = Double(text(start)), value.isFinite else {
            throw Diagnostic("'\(text(start))' is not a usable number", at: range(start))
        }
        return Token(kind: .number(value), range: range(start), text: text(start))
    }

    /// A string opened by a straight quote closes only at a straight quote, so a curly quote inside it is text;
    /// one opened by a curly quote closes at any double quote, since pasted text mixes them.
    private mutating func string(_ start: Int, closers: Set<Character> = ["\""]) throws(Diagnostic) -> Token {
        position += 1
        var value = ""
        while let c = current {
            if closers.contains(c) {
                position += 1
                return Token(kind: .string(value), range: range(start), text: text(start))
            }
            if c == "\\", let n = peek(), n == "\"" || n == "\\" {
                value.append(n)
                position += 2
                continue
            }
            value.append(c)
            position += 1
        }
        throw Diagnostic("unterminated string", at: SourceRange(start: start, end: start + 1, line: line),
                         hint: "close it with a double quote (\")")
    }

    /// `` `Group Name` ``: any column name, with a backquote inside it doubled (NameSyntax).
    private mutating func backquotedName(_ start: Int) throws(Diagnostic) -> Token {
        position += 1
        var value = ""
        while let c = current {
            if c == "`" {
                if peek() == "`" {
                    value.append("`")
                    position += 2
                    continue
                }
                position += 1
                guard !value.isEmpty else {
                    throw Diagnostic("empty name between backquotes", at: range(start), hint: "write a column name between them, e.g. `Group Name`")
                }
                return Token(kind: .identifier(value), range: range(start), text: text(start))
            }
            value.append(c)
            position += 1
        }
        throw Diagnostic("unterminated name in backquotes", at: SourceRange(start: start, end: start + 1, line: line),
                         hint: "close it with a backquote (`); a backquote inside a name is written twice (``)")
    }

    private mutating func symbol(_ start: Int, _ c: Character) throws(Diagnostic) -> Token {
        let two = peek().map { String([c, $0]) } ?? ""
        if let s = TokenKind.Symbol(rawValue: two), two.count == 2 {
            position += 2
            return Token(kind: .symbol(s), range: range(start), text: two)
        }
        if let s = TokenKind.Symbol(rawValue: String(c)) {
            position += 1
            return Token(kind: .symbol(s), range: range(start), text: String(c))
        }
        position += 1
        let shown = c.isASCII && (c.asciiValue ?? 32) < 32 ? "a control character" : "'\(c)'"
        var hint: String? = nil
        if c == "'" || c == "\u{2018}" || c == "\u{2019}" { hint = "strings use double quotes (\"...\"); names that are not plain words go in backquotes (`...`)" }
        else if c == "&" { hint = "write 'and'" }
        else if c == "|" { hint = "write 'or'" }
        else if c == "!" { hint = "write 'not' or '!='" }
        else if c == "%" { hint = "R's %in% is written 'in', with a list in parentheses: where x in (1, 2)" }
        throw Diagnostic("unexpected \(shown)", at: range(start), hint: hint)
    }
}
