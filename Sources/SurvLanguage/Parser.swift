/// Recursive-descent parser from tokens to `Command`s. One mistake gives one diagnostic; nesting is
/// bounded so hostile input cannot exhaust the stack.
public struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 64
    /// Binary operators in one command. A flat chain such as `a + a + ... + a` nests one level per operator
    /// in the tree, and checking and evaluating it recurse that deep.
    private var operatorCount = 0
    private static let maximumOperators = 256

    private var source: [Character] = []

    init(tokens: [Token], source: [Character] = []) {
        self.source = source
        self.tokens = tokens.isEmpty ? [Token(kind: .end, range: SourceRange(start: 0, end: 0), text: "")] : tokens
    }

    /// Parses a whole line: commands separated by `;`. The line either parses completely or not at all.
    public static func parseLine(_ source: String, line: Int = 1) throws(Diagnostic) -> [ParsedCommand] {
        let tokens: [Token]
        do { tokens = try Lexer.tokenize(source, line: line) } catch {
            throw foreignCommand(opening: source, line: line) ?? error
        }
        let characters = Array(source)
        var commands: [ParsedCommand] = []
        var group: [Token] = []
        for token in tokens {
            if token.isSymbol(.semicolon) || token.kind == .end {
                if let first = group.first, let last = group.last {
                    var parser = Parser(tokens: group + [Token(kind: .end, range: SourceRange(start: last.range.end, end: last.range.end, line: line), text: "")], source: characters)
                    let command = try parser.parseCommand()
                    let text = String(characters[first.range.start..<min(last.range.end, characters.count)])
                    commands.append(ParsedCommand(command: command, source: text, range: first.range.union(last.range)))
                }
                group = []
            } else {
                group.append(token)
            }
        }
        return commands
    }

    /// R's own syntax pasted whole (`coxph(Surv(t, s) ~ age)`) stops the lexer at `~`; the line's first word
    /// still says what was meant, and that answer helps more than the stray character.
    private static func foreignCommand(opening source: String, line: Int) -> Diagnostic? {
        var lexer = Lexer(source, line: line)
        guard let head = try? lexer.next(), head.identifier != nil, !head.isBackquoted else { return nil }
        var range = head.range
        var next: String? = nil
        if head.isWord("sts"), let second = try? lexer.next(), let word = second.identifier {
            next = word
            range = range.union(second.range)
        }
        return ForeignCommands.diagnostic(for: head.text, next: next, at: range)
    }

    /// Parses a single expression (used by tests and by `where`/`let`).
    public static func parseExpression(_ source: String) throws(Diagnostic) -> Expression {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    // MARK: - Token helpers

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }
    private mutating func accept(_ symbol: TokenKind.Symbol) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        index += 1
        return true
    }
    private mutating func acceptWord(_ word: String) -> Bool {
        guard current.isWord(word) else { return false }
        index += 1
        return true
    }
    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "the end of the command"
        case .string: return "a string"
        case .number: return "the number \(token.text)"
        case .identifier: return "'\(token.text)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        }
    }
    private func unexpected(expecting what: String, hint: String? = nil) -> Diagnostic {
        Diagnostic("expected \(what), found \(describe(current))", at: current.range, hint: hint)
    }
    private mutating func expect(_ symbol: TokenKind.Symbol, hint: String? = nil) throws(Diagnostic) {
        guard accept(symbol) else { throw unexpected(expecting: "'\(symbol.rawValue)'", hint: hint) }
    }
    private mutating func expectName(_ what: String, hint: String? = nil) throws(Diagnostic) -> Name {
        guard let name = current.identifier else { throw unexpected(expecting: what, hint: hint) }
        let token = advance()
        return Name(name, token.range)
    }
    private mutating func expectString(_ what: String, hint: String? = nil) throws(Diagnostic) -> (String, SourceRange) {
        guard case .string(let value) = current.kind else { throw unexpected(expecting: what, hint: hint) }
        let token = advance()
        return (value, token.range)
    }
    private mutating func expectNumber(_ what: String) throws(Diagnostic) -> Double {
        var sign = 1.0
        if accept(.minus) { sign = -1 }
        guard case .number(let value) = current.kind else { throw unexpected(expecting: what) }
        _ = advance()
        return sign * value
    }
    private func expectEnd(hint: String? = nil) throws(Diagnostic) {
        guard current.kind == .end else {
            throw Diagnostic("unexpected \(describe(current)) after the end of the command", at: current.range, hint: hint ?? "use ';' to separate commands")
        }
    }
    private mutating func nameList(_ what: String) throws(Diagnostic) -> [Name] {
        var names = [try expectName(what)]
        while accept(.comma) { names.append(try expectName(what)) }
        return names
    }

    // MARK: - Commands

    mutating func parseCommand() throws(Diagnostic) -> Command {
        let head = current
        guard let word = head.identifier?.lowercased(), !head.isBackquoted else {
            throw Diagnostic("a command must start with a command name, found \(describe(head))", at: head.range,
                             hint: "type 'help' for the list of commands")
        }
        _ = advance()
        let command: Command
        switch word {
        case "load":
            if case .string(let path) = current.kind {
                let token = advance()
                command = .loadFile(path, token.range)
            } else {
                command = .loadBundled(try expectName("a dataset name or a \"file path\"", hint: "e.g. load aml, or load \"data/cohort.csv\""))
            }
        case "about":
            command = .about(current.kind == .end ? nil : try expectName("a bundled dataset name", hint: "e.g. about graall"))
        case "endpoint":
            let first = try expectName("an endpoint name or a time column", hint: "e.g. endpoint time, status")
            if accept(.assign) {
                let time = try expectName("the time column")
                try expect(.comma, hint: "endpoint NAME = TIME, EVENT")
                command = .endpointDefine(try endpointColumns(name: first, first: time))
            } else if accept(.comma) {
                command = .endpointDefine(try endpointColumns(name: nil, first: first))
            } else {
                command = .endpointSelect(first)
            }
        case "where":
            if current.isWord("all"), tokens[min(index + 1, tokens.count - 1)].kind == .end {
                _ = advance()
                command = .filterClear
            } else {
                command = .filter(try expression())
            }
        case "let":
            let name = try expectName("a name for the new column", hint: "let NAME = EXPRESSION")
            try expect(.assign, hint: "let NAME = EXPRESSION")
            command = .derive(name, try expression())
        case "stratify":
            if acceptWord("none") { command = .stratifyNone }
            else {
                guard acceptWord("by") else { throw unexpected(expecting: "'by' or 'none'", hint: "stratify by COLUMN, or stratify none") }
                command = .stratify(try nameList("a column name"))
            }
        case "km":
            if acceptWord("table") { command = .kaplanMeierTable }
            else if acceptWord("quantile") {
                command = .kaplanMeierQuantiles(try numberList("a probability, e.g. 0.25", hint: "separate probabilities with commas: km quantile 0.25, 0.75"))
            }
            else if acceptWord("at") {
                let times = try numberList("a time", hint: "separate times with commas: km at 12, 24")
                command = acceptWord("wide") ? .kaplanMeierWide(times: times) : .kaplanMeier(times: times)
            } else { command = .kaplanMeier(times: []) }
        case "logrank":
            let trend = acceptWord("trend")
            var rho: Double? = nil
            if acceptWord("rho") { rho = try expectNumber("a value of rho, e.g. 1 for the Peto–Peto test") }
            command = .logrank(trend: trend, rho: rho)
        case "cox":
            guard current.kind != .end else {
                throw Diagnostic("cox needs at least one term", at: current.range, hint: "e.g. cox age + sex")
            }
            command = .cox(terms: try coxTerms())
        case "rmst":
            guard acceptWord("at") else { throw unexpected(expecting: "'at'", hint: "rmst at TAU, e.g. rmst at 365") }
            command = .restrictedMean(tau: try expectNumber("a time horizon, e.g. 365"))
        case "plot": command = .plot(try plotSyntax())
        case "split":
            let name = try expectName("a name for the 0/1 covariate", hint: "split hsct at hsct_months")
            guard acceptWord("at") else { throw unexpected(expecting: "'at' and the column of switch times", hint: "split \(name.text) at COLUMN") }
            command = .split(name, at: try expectName("the column of switch times"))
        case "landmark":
            if acceptWord("none") { command = .landmark(nil, current.range) }
            else {
                guard acceptWord("at") else { throw unexpected(expecting: "'at' or 'none'", hint: "landmark at 90, or landmark none") }
                let at = current.range
                command = .landmark(try expectNumber("a time"), at)
            }
        case "censor":
            if acceptWord("none") { command = .censorAt(nil, text: "") }
            else {
                guard acceptWord("at") else { throw unexpected(expecting: "'at' or 'none'", hint: "censor at hsct_months, or censor none") }
                let e = try expression()
                command = .censorAt(e, text: text(of: e))
            }
        case "cuminc":
            command = .cumulativeIncidence(times: acceptWord("at") ? try numberList("a time", hint: "separate times with commas: cuminc at 12, 24") : [])
        case "finegray":
            guard current.kind != .end else {
                throw Diagnostic("finegray needs at least one term", at: current.range, hint: "e.g. finegray age + sex")
            }
            command = .fineGray(terms: try coxTerms())
        case "expect": command = .expect(try expectSyntax(startingAt: tokens[max(0, index - 1)].range))
        case "phtest": command = .phtest
        case "followup": command = .followup
        case "show": command = acceptWord("columns") ? .showColumns : .show
        case "describe":
            command = .describe(current.kind == .end ? [] : try nameList("a column name"))
        case "table1":
            let variables = try nameList("a column name")
            let by = acceptWord("by") ? try expectName("a column name", hint: "table1 age, sex by arm") : nil
            command = .table1(variables, by: by, overall: acceptWord("overall"))
        case "tab":
            let a = try expectName("a column name", hint: "tab A [by B]")
            command = .tabulate(a, by: acceptWord("by") ? try expectName("a column name") : nil)
        case "fisher":
            let a = try expectName("a column name", hint: "fisher A by B")
            guard acceptWord("by") else { throw unexpected(expecting: "'by'", hint: "fisher A by B") }
            command = .fisher(a, by: try expectName("a column name"))
        case "chisq":
            let a = try expectName("a column name", hint: "chisq A by B")
            guard acceptWord("by") else { throw unexpected(expecting: "'by'", hint: "chisq A by B") }
            let b = try expectName("a column name")
            var correct: Bool? = nil
            if acceptWord("correct") { correct = true }
            else if acceptWord("nocorrect") { correct = false }
            else if current.kind != .end {
                throw unexpected(expecting: "'correct', 'nocorrect' or the end of the command",
                                 hint: "chisq A by B nocorrect leaves out Yates' continuity correction")
            }
            command = .chisq(a, by: b, correct: correct)
        case "wilcoxon", "kruskal":
            let usage = "\(word) X by GROUP"
            let x = try expectName("a numeric column", hint: usage)
            guard acceptWord("by") else { throw unexpected(expecting: "'by'", hint: usage) }
            let g = try expectName("a column of groups", hint: usage)
            command = word == "wilcoxon" ? .wilcoxon(x, by: g) : .kruskal(x, by: g)
        case "set":
            let setting = try expectName("a setting name", hint: "e.g. set ci loglog, set ties breslow, set level 0.9")
            if setting.text.lowercased() == "plot" {
                let what = try expectName("width, ascii or unicode", hint: "set plot width 72, set plot ascii or set plot unicode")
                command = .setPlot(what, value: what.text.lowercased() == "width" ? try expectNumber("a width in columns, e.g. 72") : nil)
                break
            }
            if setting.text.lowercased() == "ref" {
                let column = try expectName("a column name", hint: "set ref COLUMN \"LEVEL\", set ref COLUMN NUMBER, or set ref COLUMN none")
                if acceptWord("none") {
                    command = .setReference(column: column, value: nil)
                } else {
                    let value = try primaryOrNegativeNumber()
                    command = .setReference(column: column, value: value)
                }
                break
            }
            guard current.kind != .end else { throw unexpected(expecting: "a value for '\(setting.text)'") }
            var value = advance()
            // `log-log` is typed with a hyphen in R's documentation; accept it as one word.
            if value.isWord("log"), current.isSymbol(.minus), tokens[min(index + 1, tokens.count - 1)].isWord("log") {
                let end = tokens[min(index + 1, tokens.count - 1)].range.end
                index += 2
                value = Token(kind: .identifier("log-log"), range: SourceRange(start: value.range.start, end: end, line: value.range.line), text: "log-log")
            }
            command = .set(setting, value: value)
        case "help":
            command = .help(topic: current.kind == .end ? nil : try expectName("a command name"))
        case "save":
            let (path, range) = try expectString("a file name in double quotes", hint: "save \"analysis.surv.md\"")
            command = .save(path, range)
        case "export":
            let (path, range) = try expectString("a file name in double quotes", hint: "export \"analysis.dta\" (or .csv, .tsv, .sav)")
            command = .export(path, range)
        case "title":
            command = .title(try expectString("a title in double quotes", hint: "title \"My analysis\"").0)
        case "open":
            let (path, range) = try expectString("a notebook file name in double quotes", hint: "open \"analysis.surv.md\"")
            command = .open(path, range)
        case "recover":
            let (path, range) = try expectString("the name of a new notebook file in double quotes", hint: "recover \"recovered.surv.md\"")
            command = .recover(path, range)
        default:
            // `sts graph`: Stata's subcommand decides which surv command answers.
            let next = word == "sts" ? current.identifier : nil
            let range = next != nil ? head.range.union(current.range) : head.range
            if let foreign = ForeignCommands.diagnostic(for: head.text, next: next, at: range) { throw foreign }
            let hint = Suggestions.hint(for: word, in: CommandCatalog.names) ?? "type 'help' for the list of commands"
            throw Diagnostic("unknown command '\(head.text)'", at: head.range, hint: hint)
        }
        if current.isWord("by"), ["km", "logrank", "rmst", "followup"].contains(word) { throw strataAfterBy(word) }
        try expectEnd(hint: Self.hintForMore(after: word, next: current))
        return command
    }

    /// What a word left over after a complete command most likely meant, in the habits of R and Stata
    /// users (`cox age sex`, `tab sex status`, `endpoint time status`); nil keeps the general hint.
    private static func hintForMore(after command: String, next: Token) -> String? {
        switch command {
        case "cox": return "join terms with '+': cox age + sex"
        case "stratify": return "separate columns with commas: stratify by sex, ph.ecog"
        case "describe": return "separate columns with commas: describe age, sex"
        case "table1": return "separate columns with commas, then the groups: table1 age, sex by arm"
        case "tab", "fisher", "chisq": return "cross two columns with 'by': \(command) sex by status"
        case "wilcoxon", "kruskal": return "name the groups with 'by': \(command) age by sex"
        case "endpoint":
            if [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(where: { next.isSymbol($0) }) {
                return "derive the event first, then use it: let dead = status == 2; endpoint time, dead"
            }
            return "endpoint TIME, EVENT: the two columns separated by a comma (no Surv())"
        default: return nil
        }
    }

    /// `km by sex`, as R's `survfit(... ~ sex)` or Stata's `sts list, by(sex)` put it: in surv the strata are set
    /// once, for every survival command, so the hint spells the two steps.
    private func strataAfterBy(_ command: String) -> Diagnostic {
        let by = current
        let next = tokens[min(index + 1, tokens.count - 1)]
        let column = next.identifier != nil ? next.text : "COLUMN"
        let range = next.identifier != nil ? by.range.union(next.range) : by.range
        return Diagnostic("'\(command)' takes no 'by': the strata are set for all survival commands at once", at: range,
                          hint: "use 'stratify by \(column)', then '\(command)'")
    }

    /// `plot WHAT` and its options in any order: each option word takes nothing, a number or a string, as
    /// `PlotOptionWords` says; `no` turns off an option that is on by default.
    private mutating func plotSyntax() throws(Diagnostic) -> PlotSyntax {
        let figure = try expectName("what to plot: km, zph or cox", hint: "plot km (the curves), plot zph or plot cox (after cox)")
        var options: [PlotOptionSyntax] = []
        while current.kind != .end {
            let start = current.range
            var negated = false
            if current.isWord("no"), tokens[min(index + 1, tokens.count - 1)].identifier != nil {
                negated = true
                _ = advance()
            }
            guard let word = current.identifier?.lowercased(), !current.isBackquoted, let takes = PlotOptionWords.takes(word) else {
                let shown = current.identifier ?? current.text
                throw Diagnostic("'\(shown)' is not an option of plot", at: current.range,
                                 hint: Suggestions.hint(for: shown, in: PlotOptionWords.words)
                                    ?? "options: " + PlotOptionWords.words.joined(separator: ", "))
            }
            _ = advance()
            var value: PlotOptionSyntax.Value? = nil
            switch takes {
            case .nothing: break
            case .number:
                let at = current.range
                value = .number(try expectNumber("a number after '\(word)'"), at)
            case .string:
                let hint = word == "to" ? "plot km to \"km.svg\"" : "e.g. \(word) \"Months since diagnosis\""
                let (text, range) = try expectString("text in double quotes after '\(word)'", hint: hint)
                value = .string(text, range)
            }
            let end = tokens[max(0, index - 1)].range
            options.append(PlotOptionSyntax(word: word, negated: negated, value: value, range: start.union(end)))
        }
        return PlotSyntax(figure: figure, options: options)
    }

    /// After `endpoint [NAME =] FIRST,`: `TIME, STATUS` makes (start, stop] data with FIRST the start;
    /// `STATUS` alone one row per subject; either may end in `event CODE competing CODE, ...`.
    private mutating func endpointColumns(name: Name?, first: Name) throws(Diagnostic) -> EndpointSyntax {
        let second = try expectName("the event column")
        var syntax = EndpointSyntax(name: name, time: first, event: second)
        if accept(.comma) {
            syntax = EndpointSyntax(name: name, start: first, time: second, event: try expectName("the event column",
                                    hint: "endpoint START, STOP, EVENT for (start, stop] data"))
        }
        if acceptWord("event") {
            let event = try statusCode()
            guard acceptWord("competing") else {
                throw unexpected(expecting: "'competing' and the codes of the competing causes",
                                 hint: "e.g. endpoint time, status event 1 competing 2")
            }
            var competing = [try statusCode()]
            while accept(.comma) { competing.append(try statusCode()) }
            syntax.causes = CausesSyntax(event: event, competing: competing)
        }
        return syntax
    }

    /// A code of a status column: a number (possibly negative) or a string.
    private mutating func statusCode() throws(Diagnostic) -> StatusCode {
        let start = current.range
        if case .string(let text) = current.kind {
            _ = advance()
            return StatusCode(.text(text), start)
        }
        let value = try expectNumber("a code of the status column (a number, or text in double quotes)")
        return StatusCode(.number(value), start.union(tokens[max(0, index - 1)].range))
    }

    /// `expect QUANTITY = VALUE [± TOLERANCE]`; the quantity's words follow the command that prints it.
    private mutating func expectSyntax(startingAt start: SourceRange) throws(Diagnostic) -> ExpectSyntax {
        let quantityStart = current.range.start
        let usage = "e.g. expect km at 36 \"x=Maintained\" = 0.33 ± 0.03, expect logrank p = 0.049, expect cox hr age = 1.02"
        func stratum() -> String? {
            guard case .string(let label) = current.kind else { return nil }
            _ = advance()
            return label
        }
        func limit() -> ExpectQuantity.Limit {
            if acceptWord("lower") { return .lower }
            if acceptWord("upper") { return .upper }
            return .estimate
        }
        func term() throws(Diagnostic) -> String {
            if case .string(let name) = current.kind { _ = advance(); return name }
            return try expectName("a coefficient's name as cox prints it", hint: "quote names with symbols: expect cox hr \"factor(ph.ecog)1\" = 1.5").text
        }
        let word = try expectName("what to check: km, followup, rmst, logrank, cox, n, events, fisher or chisq", hint: usage)
        let quantity: ExpectQuantity
        switch word.text.lowercased() {
        case "km":
            if acceptWord("at") { let t = try expectNumber("a time"); let s = stratum(); quantity = .survival(at: t, stratum: s, limit()) }
            else if acceptWord("median") { let s = stratum(); quantity = .median(stratum: s, limit()) }
            else { throw unexpected(expecting: "'at' or 'median'", hint: "expect km at 36 = 0.5, expect km median = 23") }
        case "followup":
            guard acceptWord("median") else { throw unexpected(expecting: "'median'", hint: "expect followup median = 43") }
            let s = stratum()
            quantity = .followupMedian(stratum: s, limit())
        case "rmst":
            guard acceptWord("at") else { throw unexpected(expecting: "'at'", hint: "expect rmst at 365 = 280") }
            quantity = .restrictedMean(tau: try expectNumber("a time horizon"), stratum: stratum())
        case "logrank":
            if acceptWord("trend") {
                guard acceptWord("p") else { throw unexpected(expecting: "'p'", hint: "expect logrank trend p = 0.01") }
                quantity = .logrankTrendP
            } else if acceptWord("p") { quantity = .logrankP }
            else if acceptWord("chisq") { quantity = .logrankChisq }
            else { throw unexpected(expecting: "'p', 'chisq' or 'trend p'", hint: "expect logrank p = 0.049") }
        case "cox":
            if acceptWord("hr") { let t = try term(); quantity = .coxHazardRatio(term: t, limit()) }
            else if acceptWord("p") { quantity = .coxP(term: try term()) }
            else if acceptWord("coef") { quantity = .coxCoefficient(term: try term()) }
            else { throw unexpected(expecting: "'hr', 'p' or 'coef'", hint: "expect cox hr age = 1.02 ± 0.01") }
        case "n": quantity = .rows(stratum: stratum())
        case "events": quantity = .events(stratum: stratum())
        case "fisher", "chisq":
            guard acceptWord("p") else { throw unexpected(expecting: "'p'", hint: "expect \(word.text) p sex by status = 0.15") }
            let a = try expectName("a column name").text
            guard acceptWord("by") else { throw unexpected(expecting: "'by'", hint: "expect \(word.text) p A by B = 0.15") }
            let b = try expectName("a column name").text
            quantity = word.text.lowercased() == "fisher" ? .fisherP(a, by: b) : .chisqP(a, by: b)
        default:
            throw Diagnostic("'\(word.text)' is not something expect checks", at: word.range,
                             hint: Suggestions.hint(for: word.text, in: ["km", "followup", "rmst", "logrank", "cox", "n", "events", "fisher", "chisq"]) ?? usage)
        }
        let quantityEnd = tokens[max(0, index - 1)].range.end
        let text = source.isEmpty ? word.text : String(source[min(quantityStart, source.count)..<min(quantityEnd, source.count)])
        guard accept(.assign) else { throw unexpected(expecting: "'=' and the published value", hint: usage) }
        let valueStart = index
        let value = try expectNumber("the published value")
        let valueText = tokens[valueStart..<index].map(\.text).joined()
        var tolerance: Double? = nil
        if accept(.plusMinus) || (current.isSymbol(.plus) && tokens[min(index + 1, tokens.count - 1)].isSymbol(.minus) && { index += 2; return true }()) {
            let at = current.range
            let t = try expectNumber("a tolerance")
            guard t >= 0 else { throw Diagnostic("a tolerance is not negative", at: at, hint: "e.g. ± 0.03") }
            tolerance = t
        }
        return ExpectSyntax(quantity: quantity, text: text, expected: value, expectedText: valueText, tolerance: tolerance,
                            range: start.union(tokens[max(0, index - 1)].range))
    }

    /// `12, 24, 36`: numbers separated by commas. `12 24` is a slip worth naming rather than "unexpected number".
    private mutating func numberList(_ what: String, hint: String) throws(Diagnostic) -> [Double] {
        var values = [try expectNumber(what)]
        while true {
            if accept(.comma) { values.append(try expectNumber(what)); continue }
            if case .number = current.kind {
                throw Diagnostic("expected ',' before \(describe(current))", at: current.range, hint: hint)
            }
            return values
        }
    }

    /// `cox a + log(b) + c*d + e:f`: terms are the operands of the top-level additions; inside a term `*`
    /// crosses and `:` interacts, as in R's formulas. Arithmetic at the top level of a term is written
    /// inside `I()` (R's rule), so `/`, `^` and parentheses there are refused rather than read one way.
    private mutating func coxTerms() throws(Diagnostic) -> [FormulaTerm] {
        var terms = [try formulaProduct()]
        while accept(.plus) {
            terms.append(try formulaProduct())
            guard terms.count <= Self.maximumOperators else {
                throw Diagnostic("too many terms (more than \(Self.maximumOperators))", at: current.range)
            }
        }
        if current.isSymbol(.minus) {
            throw Diagnostic("terms cannot be removed with '-'", at: current.range, hint: "list only the terms to include, joined by '+'")
        }
        if current.isSymbol(.slash) {
            throw Diagnostic("'/' at the top level of a model term is a formula operator in R (nesting), not division",
                             at: current.range, hint: "for arithmetic write it inside I(), e.g. I(age / 10)")
        }
        return terms
    }

    private mutating func formulaOperator(_ op: String, _ left: FormulaTerm, _ right: FormulaTerm) throws(Diagnostic) -> FormulaTerm {
        operatorCount += 1
        guard operatorCount <= Self.maximumOperators else {
            throw Diagnostic("model too long (more than \(Self.maximumOperators) operators)", at: right.range)
        }
        let range = left.range.union(right.range)
        return op == "*" ? .cross(left, right, range) : .interaction(left, right, range)
    }

    private mutating func formulaProduct() throws(Diagnostic) -> FormulaTerm {
        var left = try formulaInteraction()
        while accept(.star) {
            left = try formulaOperator("*", left, try formulaInteraction())
        }
        return left
    }

    private mutating func formulaInteraction() throws(Diagnostic) -> FormulaTerm {
        var left = try coxVariable()
        while accept(.colon) {
            left = try formulaOperator(":", left, try coxVariable())
        }
        return left
    }

    private mutating func coxVariable() throws(Diagnostic) -> FormulaTerm {
        if current.isSymbol(.leftParen) {
            throw Diagnostic("parentheses at the top level of a model term group formula terms in R, not arithmetic", at: current.range,
                             hint: "for arithmetic write I(...), e.g. I(age * wt.loss); for an interaction write a:b or a*b")
        }
        let expression = try unary()
        if case .binary(.power, _, _, let range) = expression {
            throw Diagnostic("'^' at the top level of a model term is a formula operator in R (crossing), not a power",
                             at: range, hint: "for the power write it inside I(): I(\(text(of: expression)))")
        }
        // A column term is labelled by the column's own name, backquotes or not: `Group Name`B would be a
        // coefficient name no one wrote in the file.
        if case .name(let column, _) = expression { return .variable(CoxTermSyntax(expression: expression, text: column)) }
        return .variable(CoxTermSyntax(expression: expression, text: text(of: expression)))
    }

    private func text(of expression: Expression) -> String {
        let r = expression.range
        return r.start <= r.end && r.end <= source.count ? String(source[r.start..<r.end]) : "term"
    }

    // MARK: - Expressions (lowest precedence first)

    mutating func expression() throws(Diagnostic) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw Diagnostic("expression nested too deeply", at: current.range, hint: "simplify it or split it with 'let'")
        }
        return try disjunction()
    }

    private mutating func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) throws(Diagnostic) -> Expression {
        operatorCount += 1
        guard operatorCount <= Self.maximumOperators else {
            throw Diagnostic("expression too long (more than \(Self.maximumOperators) operators)", at: right.range,
                             hint: "split it into steps with let")
        }
        return .binary(op, left, right, left.range.union(right.range))
    }

    private mutating func disjunction() throws(Diagnostic) -> Expression {
        var left = try conjunction()
        while acceptWord("or") {
            let right = try conjunction()
            left = try binary(.or, left, right)
        }
        return left
    }

    private mutating func conjunction() throws(Diagnostic) -> Expression {
        var left = try negation()
        while acceptWord("and") {
            let right = try negation()
            left = try binary(.and, left, right)
        }
        return left
    }

    private mutating func negation() throws(Diagnostic) -> Expression {
        let start = current.range
        if acceptWord("not") {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw Diagnostic("expression nested too deeply", at: start) }
            let operand = try negation()
            return .unary(.not, operand, start.union(operand.range))
        }
        return try comparison()
    }

    private mutating func comparison() throws(Diagnostic) -> Expression {
        let left = try additive()
        let operators: [(TokenKind.Symbol, BinaryOperator)] = [
            (.equal, .equal), (.notEqual, .notEqual), (.lessEqual, .lessEqual), (.less, .less),
            (.greaterEqual, .greaterEqual), (.greater, .greater),
        ]
        for (symbol, op) in operators where accept(symbol) {
            let right = try additive()
            return try binary(op, left, right)
        }
        if current.isSymbol(.assign) {
            throw Diagnostic("'=' assigns; to compare use '=='", at: current.range)
        }
        var negated = false
        if current.isWord("not"), tokens[min(index + 1, tokens.count - 1)].isWord("in") {
            index += 1
            negated = true
        }
        if acceptWord("in") {
            try expect(.leftParen, hint: "x in (\"a\", \"b\")")
            var items = [try additive()]
            while accept(.comma) { items.append(try additive()) }
            let close = current.range
            try expect(.rightParen, hint: "close the list with ')'")
            return .inList(left, items, negated: negated, left.range.union(close))
        }
        return left
    }

    private mutating func additive() throws(Diagnostic) -> Expression {
        var left = try multiplicative()
        while true {
            let op: BinaryOperator
            if accept(.plus) { op = .add } else if accept(.minus) { op = .subtract } else { return left }
            let right = try multiplicative()
            left = try binary(op, left, right)
        }
    }

    private mutating func multiplicative() throws(Diagnostic) -> Expression {
        var left = try unary()
        while true {
            let op: BinaryOperator
            if accept(.star) { op = .multiply } else if accept(.slash) { op = .divide } else { return left }
            let right = try unary()
            left = try binary(op, left, right)
        }
    }

    private mutating func unary() throws(Diagnostic) -> Expression {
        let start = current.range
        if accept(.minus) {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw Diagnostic("expression nested too deeply", at: start) }
            let operand = try unary()
            return .unary(.negate, operand, start.union(operand.range))
        }
        return try power()
    }

    private mutating func power() throws(Diagnostic) -> Expression {
        let base = try primary()
        if current.isSymbol(.caret) {
            let caret = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw Diagnostic("expression nested too deeply", at: caret.range) }
            let exponent = try unary()   // right-associative, binds tighter than unary minus on its left
            return .binary(.power, base, exponent, base.range.union(exponent.range))
        }
        return base
    }

    /// A literal level: a string, or a number with an optional minus sign.
    private mutating func primaryOrNegativeNumber() throws(Diagnostic) -> Expression {
        let start = current.range
        if accept(.minus) {
            guard case .number(let v) = current.kind else { throw unexpected(expecting: "a number") }
            let token = advance()
            return .number(-v, start.union(token.range))
        }
        switch current.kind {
        case .number(let v): return .number(v, advance().range)
        case .string(let v): return .string(v, advance().range)
        default: throw unexpected(expecting: "a level in double quotes or a number", hint: "set ref sex \"F\", set ref ph.ecog 1")
        }
    }

    /// An argument of a call: an expression, or `name = expression`.
    private mutating func argument() throws(Diagnostic) -> Expression {
        if let name = current.identifier, tokens[min(index + 1, tokens.count - 1)].isSymbol(.assign) {
            let start = advance().range
            index += 1
            let value = try expression()
            return .namedArgument(name, value, start.union(value.range))
        }
        return try expression()
    }

    private mutating func primary() throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .number(value, token.range)
        case .string(let value):
            _ = advance()
            return .string(value, token.range)
        case .identifier(let name):
            _ = advance()
            // A backquoted name is a column even before '(' (no function has a name that needs quoting).
            if !token.isBackquoted, accept(.leftParen) {
                var arguments: [Expression] = []
                if !current.isSymbol(.rightParen) {
                    arguments.append(try argument())
                    while accept(.comma) { arguments.append(try argument()) }
                }
                let close = current.range
                try expect(.rightParen, hint: "close the call to \(name) with ')'")
                return .call(name, arguments, token.range.union(close))
            }
            return .name(name, token.range)
        case .symbol(.leftParen):
            _ = advance()
            let inner = try expression()
            try expect(.rightParen, hint: "close the parenthesis")
            return inner
        default:
            throw unexpected(expecting: "a value, a column name or '('")
        }
    }
}
