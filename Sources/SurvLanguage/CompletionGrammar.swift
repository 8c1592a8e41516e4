/// What may come next at the cursor, read off the tokens of the command before it: the grammar's view of
/// Tab completion. It knows no data; the REPL turns a slot into candidates (column names, levels, files).
/// Kept here, beside the parser, so the two change together.
public enum CompletionSlot: Equatable, Sendable {
    case command
    /// Fixed words of the grammar (`at`, `table`, `by`, setting values).
    case words([String])
    case dataset
    case column(ColumnRole)
    /// `endpoint`'s first word: a named endpoint to select, or the time column.
    case endpointOrColumn
    /// Where a value can start in `where`, `let` or `cox`: columns, functions, `not`, and `extra` words.
    case expressionStart(extra: [String])
    /// After a complete value in an expression: operators written as words.
    case afterOperand
    /// The levels of a column (`set ref COLUMN _`), and `extra` words.
    case levels(column: String, extra: [String])
    /// Nothing sensible to offer (a new name, a number).
    case nothing

    public enum ColumnRole: Equatable, Sendable {
        case any
        case numeric
        /// A column coded as events: 0/1, 1/2, true/false, yes/no.
        case event
    }
}

public enum CompletionGrammar {
    public static let settings = ["ci", "ties", "level", "digits", "profile", "ref", "plot"]
    public static let settingValues: [String: [String]] = [
        "ci": ["log", "loglog", "plain"], "ties": ["efron", "breslow"], "profile": ["r", "stata"],
        "plot": ["width", "ascii", "unicode"],
    ]
    /// Functions an expression may call; `cox` terms add `factor`, `strata` and `I`.
    public static let expressionFunctions = NumericFunction.allCases.map(\.rawValue) + ["cut", "if", "is_missing", "date", "year", "month"]
    public static let operatorWords = ["and", "or", "in", "not"]

    /// The slot for a word that starts right after `before` (the line up to the word being completed).
    public static func slot(before: String) -> CompletionSlot {
        // The text before the word ends at a word break, so it lexes unless it holds a real mistake; then there
        // is nothing sure to offer.
        guard let all = try? Lexer.tokenize(before) else { return .nothing }
        var tokens: [Token] = []
        for token in all where token.kind != .end {
            if token.isSymbol(.semicolon) { tokens = [] } else { tokens.append(token) }
        }
        guard let head = tokens.first else { return .command }
        guard !head.isBackquoted, let command = head.identifier?.lowercased() else { return .nothing }
        let rest = Array(tokens.dropFirst())
        let words = rest.map { $0.isBackquoted ? "" : ($0.identifier?.lowercased() ?? $0.text) }
        switch command {
        case "load", "about": return rest.isEmpty ? .dataset : .nothing
        case "help": return rest.isEmpty ? .command : .nothing
        case "endpoint": return endpoint(words)
        case "stratify":
            if rest.isEmpty { return .words(["by", "none"]) }
            return words.first == "by" && (words.count == 1 || words.last == ",") ? .column(.any) : .nothing
        case "describe":
            return rest.isEmpty || words.last == "," ? .column(.any) : .nothing
        case "table1":
            if rest.isEmpty || words.last == "," || words.last == "by" { return .column(.any) }
            if words.contains("by") { return words.last == "overall" ? .nothing : .words(["overall"]) }
            return .words(["by"])
        case "tab", "fisher", "chisq", "wilcoxon", "kruskal":
            switch rest.count {
            case 0: return .column(command == "wilcoxon" || command == "kruskal" ? .numeric : .any)
            case 1: return .words(["by"])
            case 2 where words[1] == "by": return .column(.any)
            case 3 where command == "chisq": return .words(["correct", "nocorrect"])
            default: return .nothing
            }
        case "km":
            if rest.isEmpty { return .words(["at", "quantile", "table"]) }
            return .nothing
        case "rmst": return rest.isEmpty ? .words(["at"]) : .nothing
        case "show": return rest.isEmpty ? .words(["columns"]) : .nothing
        case "logrank": return rest.isEmpty ? .words(["trend", "rho"]) : .nothing
        case "plot": return plot(words)
        case "expect":
            switch words.count {
            case 0: return .words(["km", "followup", "rmst", "logrank", "cox", "n", "events", "fisher", "chisq"])
            case 1: return .words(["km": ["at", "median"], "followup": ["median"], "rmst": ["at"], "logrank": ["p", "chisq", "trend"],
                                   "cox": ["hr", "p", "coef"], "fisher": ["p"], "chisq": ["p"]][words[0]] ?? [])
            default: return .nothing
            }
        case "set": return setting(words, column: rest.count > 1 ? (rest[1].identifier ?? rest[1].text) : "")
        case "where":
            return rest.isEmpty ? .expressionStart(extra: ["all"]) : expression(after: rest)
        case "let":
            guard rest.count >= 2, rest[1].isSymbol(.assign) else { return .nothing }
            return expression(after: Array(rest.dropFirst(2)))
        case "cox":
            if let slot = factorReference(rest) { return slot }
            // Operators of a model are symbols, so after a term there is no word to offer.
            guard case .expressionStart = expression(after: rest) else { return .nothing }
            return .expressionStart(extra: ["factor", "strata", "I"])
        default:
            return .nothing
        }
    }

    /// Inside `factor(x, ` the one argument is `ref`; after `factor(x, ref = ` the levels of x.
    private static func factorReference(_ tokens: [Token]) -> CompletionSlot? {
        func isFactorCall(endingAt end: Int) -> String? {
            guard end >= 3, !tokens[end - 3].isBackquoted, tokens[end - 3].identifier?.lowercased() == "factor",
                  tokens[end - 2].isSymbol(.leftParen), tokens[end].isSymbol(.comma) else { return nil }
            return tokens[end - 1].identifier
        }
        let last = tokens.count - 1
        if isFactorCall(endingAt: last) != nil { return .words(["ref"]) }
        if last >= 5, tokens[last].isSymbol(.assign), tokens[last - 1].identifier?.lowercased() == "ref",
           let column = isFactorCall(endingAt: last - 2) {
            return .levels(column: column, extra: [])
        }
        return nil
    }

    /// `plot` then the figure, then options in any order; a word that takes a value is followed by it.
    private static func plot(_ words: [String]) -> CompletionSlot {
        guard let figure = words.first else { return .words(["km", "zph", "cox", "cuminc"]) }
        let options = ["km": PlotOptionWords.words, "zph": ["xlab", "title", "to"], "cox": ["title", "to"],
                       "cuminc": ["ci", "risktable", "percent", "xmax", "by", "xlab", "ylab", "title", "to"]][figure] ?? []
        if let last = words.last, words.count > 1 {
            if last == "no" { return .words(PlotOptionWords.negatable.filter(options.contains)) }
            if PlotOptionWords.takes(last).map({ $0 != .nothing }) ?? false { return .nothing }
        }
        let used = Set(words.dropFirst())
        return .words(options.filter { !used.contains($0) } + (figure == "km" ? ["no"] : []))
    }

    private static func endpoint(_ words: [String]) -> CompletionSlot {
        switch words.count {
        case 0: return .endpointOrColumn
        case 2 where words[1] == ",": return .column(.event)        // endpoint time, _
        case 2 where words[1] == "=": return .column(.numeric)      // endpoint os = _
        case 4 where words[1] == "=" && words[3] == ",": return .column(.event)
        case 3 where words[1] == ",": return .words(["event"])          // endpoint time, status _
        case 5 where words[1] == "=" && words[3] == ",": return .words(["event"])
        default: return .nothing
        }
    }

    private static func setting(_ words: [String], column: String) -> CompletionSlot {
        switch words.count {
        case 0: return .words(settings)
        case 1: return words[0] == "ref" ? .column(.any) : settingValues[words[0]].map { .words($0) } ?? .nothing
        case 2 where words[0] == "ref": return .levels(column: column, extra: ["none"])
        default: return .nothing
        }
    }

    /// After an operator, `(`, `,` or a word operator a value starts; after a name, number, string or `)` an
    /// operator does. A name directly before `(` was a function, so a value follows it too.
    private static func expression(after tokens: [Token]) -> CompletionSlot {
        guard let last = tokens.last else { return .expressionStart(extra: []) }
        switch last.kind {
        case .identifier:
            return !last.isBackquoted && operatorWords.contains(last.text.lowercased()) ? .expressionStart(extra: []) : .afterOperand
        case .number, .string, .symbol(.rightParen):
            return .afterOperand
        case .symbol, .end:
            return .expressionStart(extra: [])
        }
    }
}
