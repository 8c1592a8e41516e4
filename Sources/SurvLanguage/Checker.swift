import SurvCore

/// Compiles a parsed command against the session's schema into a `Plan`. Nothing runs here: a command
/// that fails to check leaves the session exactly as it was.
public struct Checker {
    public var context: CheckContext

    public init(context: CheckContext) {
        self.context = context
    }

    public func check(_ command: Command) throws(Diagnostic) -> Plan {
        switch command {
        case .loadBundled(let name):
            guard context.bundledDatasets.contains(name.text) else {
                throw Diagnostic("no bundled dataset named '\(name.text)'", at: name.range,
                                 hint: Suggestions.hint(for: name.text, in: context.bundledDatasets)
                                    ?? (Suggestions.listing("bundled datasets", context.bundledDatasets).map { $0 + "; a file path goes in double quotes" }
                                        ?? "a file path goes in double quotes"))
            }
            return .loadBundled(name.text)
        case .loadFile(let path, let range):
            guard !path.isEmpty else { throw Diagnostic("the file path is empty", at: range) }
            return .loadFile(path)
        case .about(let name):
            // Without a name it is the bundled data set in use, which only the session knows.
            guard let name else { return .about(nil) }
            guard context.bundledDatasets.contains(name.text) else {
                throw Diagnostic("no bundled dataset named '\(name.text)'", at: name.range,
                                 hint: Suggestions.hint(for: name.text, in: context.bundledDatasets)
                                    ?? Suggestions.listing("bundled datasets", context.bundledDatasets))
            }
            return .about(name.text)
        case .endpointDefine(let e):
            try requireData(at: e.time.range)
            if let start = e.start { try requireColumn(start, type: .number, role: "the start column") }
            try requireColumn(e.time, type: .number, role: e.start == nil ? "the time column" : "the stop column")
            let statusType = try column(e.event)
            if let name = e.name, CommandCatalog.entry(named: name.text) != nil {
                throw Diagnostic("'\(name.text)' is a command name", at: name.range, hint: "choose another endpoint name")
            }
            if let split = context.split { try checkEndpointOnSplitData(e, split) }
            if let causes = e.causes {
                if e.start != nil {
                    throw Diagnostic("competing risks are defined for one row per subject, not (start, stop] data", at: causes.event.range,
                                     hint: "endpoint TIME, STATUS event CODE competing CODE")
                }
                var seen = Set<StatusCode.Value>()
                for code in [causes.event] + causes.competing {
                    switch (statusType, code.value) {
                    // A labelled status column takes its codes or its labels.
                    case (.text, .number) where context.schema.isCoded(e.event.text): break
                    case (.number, .text), (.text, .number):
                        throw Diagnostic("'\(e.event.text)' holds \(statusType == .number ? "numbers" : "text"): its codes are "
                                         + (statusType == .number ? "numbers" : "text in double quotes"), at: code.range,
                                         hint: statusType == .number ? "e.g. event 1 competing 2" : "e.g. event \"relapse\" competing \"death\"")
                    default: break
                    }
                    guard seen.insert(code.value).inserted else {
                        throw Diagnostic("the code \(code.written) is named twice", at: code.range, hint: "each code is the event, a competing cause, or neither")
                    }
                }
            }
            return .defineEndpoint(EndpointPlan(name: e.name?.text, start: e.start?.text, time: e.time.text, event: e.event.text, causes: e.causes))
        case .endpointSelect(let name):
            guard context.endpointNames.contains(name.text) else {
                let known = context.endpointNames
                throw Diagnostic("no endpoint named '\(name.text)'", at: name.range,
                                 hint: Suggestions.hint(for: name.text, in: known)
                                    ?? (known.isEmpty ? "declare one with: endpoint \(name.text) = TIME, EVENT" : "endpoints: \(known.joined(separator: ", "))"))
            }
            return .selectEndpoint(name.text)
        case .filter(let expression):
            try requireData(at: expression.range)
            let typed = try check(expression)
            guard typed.type == .logical else {
                throw Diagnostic("'where' needs a condition, but this is a \(typed.type.rawValue) value", at: expression.range,
                                 hint: "compare it, e.g. where age > 60")
            }
            return .filter(typed)
        case .filterClear:
            return .clearFilter
        case .derive(let name, let expression):
            try requireData(at: name.range)
            let typed = try check(expression)
            if typed.type == .logical {
                // A logical column is stored as 1/0 numbers, so it can serve as an event or a covariate.
                return .derive(name.text, .ifElse(typed, .number(1), .number(0), .number))
            }
            return .derive(name.text, typed)
        case .stratify(let names):
            for name in names { _ = try column(name) }
            return .stratify(names.map(\.text))
        case .stratifyNone:
            return .stratifyNone
        case .kaplanMeier(let times), .kaplanMeierWide(let times):
            try requireEndpoint()
            if let bad = times.first(where: { $0 < 0 }) {
                throw Diagnostic("survival times cannot be negative (\(Self.numberText(bad)))", hint: "km at 12, 24")
            }
            if case .kaplanMeierWide = command { return .kaplanMeierWide(times: times) }
            return .kaplanMeier(times: times)
        case .kaplanMeierTable:
            try requireEndpoint()
            return .kaplanMeierTable
        case .kaplanMeierQuantiles(let probabilities):
            try requireEndpoint()
            if let bad = probabilities.first(where: { !($0 > 0 && $0 < 1) }) {
                throw Diagnostic("a quantile's probability must be between 0 and 1, not \(Self.numberText(bad))",
                                 hint: "e.g. km quantile 0.25, 0.75 (the times by which 25% and 75% have had the event)")
            }
            return .kaplanMeierQuantiles(probabilities)
        case .restrictedMean(let tau):
            try requireEndpoint()
            try refuseCountingProcess("rmst")
            guard tau > 0 else {
                throw Diagnostic("the restricted-mean horizon must be a time after 0, not \(Self.numberText(tau))", hint: "e.g. rmst at 365")
            }
            return .restrictedMean(tau: tau)
        case .logrank(let trend, let rho):
            try requireEndpoint()
            try refuseCountingProcess("logrank")
            if let rho {
                guard rho >= 0, rho <= 10 else {
                    throw Diagnostic("rho must be from 0 to 10", hint: "rho 0 is the log-rank test, rho 1 the Peto–Peto test")
                }
                guard !trend else {
                    throw Diagnostic("the trend test is the log-rank (rho 0) form only", hint: "use 'logrank trend' and 'logrank rho ...' separately")
                }
            }
            return .logrank(trend: trend, rho: rho ?? 0)
        case .cox(let terms):
            try requireEndpoint()
            return .cox(try checkModel(terms))
        case .split(let name, let column):
            try requireEndpoint()
            try requireColumn(column, type: .number, role: "the switch time")
            guard context.type(of: name.text) == nil else {
                throw Diagnostic("'\(name.text)' is already a column", at: name.range, hint: "choose a new name for the 0/1 covariate")
            }
            guard context.endpointKind != .competingRisks else {
                throw Diagnostic("split works on an endpoint of one event, not a competing-risks one", at: name.range,
                                 hint: "declare endpoint TIME, EVENT first")
            }
            return .split(name: name.text, at: column.text)
        case .landmark(let time, let range):
            try requireEndpoint()
            if let time, !(time >= 0 && time.isFinite) {
                throw Diagnostic("a landmark is a time of follow-up, not \(Self.numberText(time))", at: range, hint: "e.g. landmark at 90")
            }
            return .landmark(time)
        case .censorAt(let expression, let text):
            try requireEndpoint()
            guard let expression else { return .censorAt(nil, source: "") }
            let typed = try check(expression)
            guard typed.type == .number else {
                throw Diagnostic("'censor at' needs a time, but this is a \(typed.type.rawValue) value", at: expression.range,
                                 hint: "e.g. censor at hsct_months")
            }
            return .censorAt(typed, source: text)
        case .cumulativeIncidence(let times):
            try requireCompetingRisks("cuminc")
            if let bad = times.first(where: { !($0 >= 0) || !$0.isFinite }) {
                throw Diagnostic("times are not negative: \(NumberText.short(bad))", hint: "e.g. cuminc at 12, 24")
            }
            return .cumulativeIncidence(times: times.sorted())
        case .fineGray(let terms):
            try requireCompetingRisks("finegray")
            let model = try checkModel(terms)
            guard model.strata.isEmpty else {
                throw Diagnostic("Fine–Gray regression takes no strata() terms", hint: "cmprsk's crr has none; enter the column as a term")
            }
            return .fineGray(model)
        case .plot(let syntax):
            return .plot(try checkPlot(syntax))
        case .expect(let syntax):
            if syntax.quantity.needsEndpoint { try requireEndpoint() }
            switch syntax.quantity {
            case .coxHazardRatio, .coxP, .coxCoefficient:
                guard context.hasCoxModel else {
                    throw Diagnostic("there is no Cox model to check", at: syntax.range, hint: "fit one first, e.g. cox age + sex")
                }
            case .logrankP, .logrankChisq, .logrankTrendP: try refuseCountingProcess("expect logrank")
            case .followupMedian: try refuseCountingProcess("expect followup")
            case .restrictedMean: try refuseCountingProcess("expect rmst")
            case .fisherP(let a, let b), .chisqP(let a, let b):
                try requireData(at: syntax.range)
                for name in [a, b] { _ = try column(Name(name, syntax.range)) }
            default: break
            }
            return .expect(ExpectPlan(syntax))
        case .setPlot(let what, let value):
            switch (what.text.lowercased(), value) {
            case ("width", let width?):
                guard width == width.rounded(), width >= 40, width <= 200 else {
                    throw Diagnostic("'set plot width' takes a whole number of columns from 40 to 200", at: what.range, hint: "e.g. set plot width 72")
                }
                return .setting(.plotWidth(Int(width)))
            case ("ascii", _): return .setting(.plotASCII(true))
            case ("unicode", _): return .setting(.plotASCII(false))
            default:
                throw Diagnostic("'set plot' takes width N, ascii or unicode", at: what.range,
                                 hint: Suggestions.hint(for: what.text, in: ["width", "ascii", "unicode"]) ?? "e.g. set plot width 72")
            }
        case .phtest:
            guard context.hasCoxModel else {
                throw Diagnostic("there is no Cox model to test", hint: "fit one first, e.g. cox age + sex")
            }
            return .phtest
        case .followup:
            try requireEndpoint()
            try refuseCountingProcess("followup")
            return .followup
        case .describe(let names):
            try requireData(at: nil)
            for name in names { _ = try column(name) }
            return .describe(names.map(\.text))
        case .table1(let variables, let by, let overall):
            try requireData(at: variables.first?.range)
            var seen: [String: SourceRange] = [:]
            for v in variables {
                _ = try column(v)
                if seen[v.text] != nil { throw Diagnostic("'\(v.text)' is listed twice", at: v.range, hint: "list each column once") }
                seen[v.text] = v.range
            }
            if let by {
                _ = try column(by)
                if let listed = variables.first(where: { $0.text == by.text }) {
                    throw Diagnostic("'\(by.text)' is both a row and the groups", at: listed.range, hint: "leave it out of the list: its groups are the columns")
                }
            } else if overall {
                throw Diagnostic("'overall' adds an All column beside the groups of 'by'", at: variables.last?.range,
                                 hint: "e.g. table1 age, sex by arm overall")
            }
            return .table1(variables.map(\.text), by: by?.text, overall: overall)
        case .tabulate(let a, let b):
            try requireData(at: a.range)
            _ = try column(a)
            if let b { _ = try column(b) }
            return .tabulate(a.text, by: b?.text)
        case .fisher(let a, let b):
            try requireData(at: a.range)
            _ = try column(a)
            _ = try column(b)
            return .fisher(a.text, by: b.text)
        case .chisq(let a, let b, let correct):
            try requireData(at: a.range)
            _ = try column(a)
            _ = try column(b)
            return .chisq(a.text, by: b.text, correct: correct ?? true)
        case .wilcoxon(let x, let g), .kruskal(let x, let g):
            try requireData(at: x.range)
            try requireColumn(x, type: .number, role: "the compared column")
            _ = try column(g)
            if case .wilcoxon = command { return .wilcoxon(x.text, by: g.text) }
            return .kruskal(x.text, by: g.text)
        case .set(let setting, let value):
            return .setting(try checkSetting(setting, value))
        case .setReference(let column, let value):
            try requireData(at: column.range)
            let type = try self.column(column)
            switch (type, value) {
            case (_, nil): return .setReference(column: column.text, nil)
            case (.text, .string(let level, _)?): return .setReference(column: column.text, .text(level))
            case (.number, .number(let level, _)?): return .setReference(column: column.text, .number(level))
            // A labelled column's level by its code: set ref arm 0.
            case (.text, .number(let level, _)?) where context.schema.isCoded(column.text):
                return .setReference(column: column.text, .number(level))
            case (.date, let value?):
                throw Diagnostic("'\(column.text)' holds dates, which have no reference level", at: value.range,
                                 hint: "group the dates first, e.g. let period = if(\(column.text) < date(\"2015-01-01\"), \"early\", \"late\")")
            case (.text, let value?):
                throw Diagnostic("'\(column.text)' holds text: its reference level goes in double quotes", at: value.range,
                                 hint: "e.g. set ref \(column.text) \"LEVEL\"")
            case (_, let value?):
                throw Diagnostic("'\(column.text)' is numeric: its reference level is a number", at: value.range,
                                 hint: "e.g. set ref \(column.text) 1")
            }
        case .show:
            return .show
        case .showColumns:
            try requireData(at: nil)
            return .showColumns
        case .help(let topic):
            if let topic, CommandCatalog.entry(named: topic.text) == nil {
                if let foreign = ForeignCommands.diagnostic(for: topic.text, next: nil, at: topic.range) {
                    throw Diagnostic("no help for '\(topic.text)': \(foreign.message)", at: topic.range, hint: foreign.hint)
                }
                throw Diagnostic("no help for '\(topic.text)'", at: topic.range,
                                 hint: Suggestions.hint(for: topic.text, in: CommandCatalog.names) ?? "type 'help' for the list of commands")
            }
            return .help(topic?.text.lowercased())
        case .save(let path, let range):
            guard !path.isEmpty else { throw Diagnostic("the file name is empty", at: range) }
            return .save(path)
        case .export(let path, let range):
            try requireData(at: range)
            guard !path.isEmpty else { throw Diagnostic("the file name is empty", at: range) }
            return .export(path)
        case .title(let text):
            return .title(text)
        case .open(let path, let range):
            guard !path.isEmpty else { throw Diagnostic("the file name is empty", at: range) }
            return .open(path)
        case .recover(let path, let range):
            guard !path.isEmpty else { throw Diagnostic("the file name is empty", at: range) }
            return .recover(path)
        }
    }

    // MARK: - Requirements

    func requireData(at range: SourceRange?) throws(Diagnostic) {
        guard context.datasetLoaded else {
            throw Diagnostic("no dataset is loaded", at: range,
                             hint: "load one first, e.g. load \(context.bundledDatasets.first ?? "aml")")
        }
    }

    /// After `split` each row is an interval of a subject: an endpoint of one row per subject would count the
    /// intervals as subjects, and a copied column repeats the subject's time or event on each interval.
    func checkEndpointOnSplitData(_ e: EndpointSyntax, _ split: SplitColumns) throws(Diagnostic) {
        let intervals = "endpoint \(split.start), \(split.stop), \(split.event)"
        guard let start = e.start else {
            throw Diagnostic("the data are split into intervals: an endpoint of one row per subject would count each interval as a subject",
                             at: e.time.range.union(e.event.range), hint: "use the intervals: \(intervals); or load the data again")
        }
        for (column, role) in [(start, "start"), (e.time, "stop"), (e.event, "event")] where split.copied.contains(column.text) {
            throw Diagnostic("split copied '\(column.text)' to every interval of a row: as the \(role) it would repeat the row's value on each interval",
                             at: column.range, hint: "use the intervals: \(intervals)")
        }
    }

    /// R's survdiff, reverse Kaplan–Meier and restricted means take one row per subject; on (start, stop]
    /// data they would count a subject's intervals as subjects.
    func refuseCountingProcess(_ command: String) throws(Diagnostic) {
        guard context.endpointKind == .countingProcess else { return }
        throw Diagnostic("\(command) is not defined for (start, stop] data: it would count each interval as a subject",
                         hint: "R's survdiff refuses it too; compare groups with cox, or declare a one-row-per-subject endpoint")
    }

    func requireCompetingRisks(_ command: String) throws(Diagnostic) {
        try requireEndpoint()
        guard context.endpointKind == .competingRisks else {
            throw Diagnostic("\(command) needs an endpoint with competing risks", hint: "declare one with: endpoint TIME, STATUS event CODE competing CODE")
        }
    }

    func requireEndpoint() throws(Diagnostic) {
        try requireData(at: nil)
        guard context.hasCurrentEndpoint else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
    }

    @discardableResult
    func column(_ name: Name) throws(Diagnostic) -> ValueType {
        guard let type = context.type(of: name.text) else {
            let names = context.columnNames
            // `Group` for the header `Group Name`: too far for an edit distance, but plainly the first word of it.
            let word = name.text.lowercased()
            let extended = word.count >= 2 ? names.filter { $0.count > word.count && $0.lowercased().hasPrefix(word) }.prefix(3) : []
            let extendedHint = extended.isEmpty ? nil
                : "did you mean " + extended.map { "'\(NameSyntax.written($0))'" }.joined(separator: " or ") + "?"
            throw Diagnostic("unknown column '\(name.text)'", at: name.range,
                             hint: Suggestions.hint(for: name.text, in: names, written: NameSyntax.written)
                                ?? extendedHint
                                ?? Suggestions.listing("columns", names.map(NameSyntax.written)))
        }
        return type
    }

    private func requireColumn(_ name: Name, type expected: ValueType, role: String) throws(Diagnostic) {
        let type = try column(name)
        if type == .date, expected == .number {
            throw Diagnostic("\(role) must be numeric, but '\(name.text)' holds dates", at: name.range,
                             hint: "derive a number of days from two dates, e.g. let days = last - \(NameSyntax.written(name.text))")
        }
        guard type == expected else {
            throw Diagnostic("\(role) must be numeric, but '\(name.text)' holds text", at: name.range,
                             hint: "choose a numeric column, or derive one with let")
        }
    }

    // MARK: - Settings

    private func checkSetting(_ setting: Name, _ value: Token) throws(Diagnostic) -> SettingChange {
        let word = value.identifier?.lowercased()
        switch setting.text.lowercased() {
        case "ci":
            switch word {
            case "log": return .confidenceTransform(.log)
            case "loglog", "log-log": return .confidenceTransform(.logLog)
            case "plain": return .confidenceTransform(.plain)
            default: throw Diagnostic("'set ci' takes log, loglog or plain", at: value.range)
            }
        case "ties":
            switch word {
            case "efron": return .ties(.efron)
            case "breslow": return .ties(.breslow)
            default: throw Diagnostic("'set ties' takes efron or breslow", at: value.range)
            }
        case "level":
            guard case .number(var level) = value.kind else {
                throw Diagnostic("'set level' takes a number such as 0.95", at: value.range)
            }
            // `set level 90` means 90%, as in Stata. The bound is checked on the scale typed: 99.9 / 100 is a
            // hair above 0.999 in floating point, and 99.9 is allowed.
            let percent = level >= 50
            guard percent ? level <= 99.9 : (level >= 0.5 && level <= 0.999) else {
                throw Diagnostic("the confidence level must be from 0.5 to 0.999 (or 50 to 99.9)", at: value.range, hint: "e.g. set level 0.9")
            }
            if percent { level /= 100 }
            return .level(level)
        case "digits":
            guard case .number(let digits) = value.kind, digits == digits.rounded(), digits >= 1, digits <= 15 else {
                throw Diagnostic("'set digits' takes a whole number from 1 to 15", at: value.range)
            }
            return .digits(Int(digits))
        case "profile":
            switch word {
            case "r": return .profile(.r)
            case "stata": return .profile(.stata)
            default: throw Diagnostic("'set profile' takes r or stata", at: value.range)
            }
        default:
            throw Diagnostic("unknown setting '\(setting.text)'", at: setting.range,
                             hint: Suggestions.hint(for: setting.text, in: CompletionGrammar.settings)
                                ?? "settings: " + CompletionGrammar.settings.joined(separator: ", "))
        }
    }

    // MARK: - Expressions

    public func check(_ expression: Expression) throws(Diagnostic) -> TypedExpression {
        switch expression {
        case .number(let value, _):
            return .number(value)
        case .string(let value, _):
            return .text(value)
        case .name(let name, let range):
            if name == "true" || name == "TRUE" { return .compare(.equal, .number(1), .number(1)) }
            if name == "false" || name == "FALSE" { return .compare(.equal, .number(1), .number(0)) }
            return .column(name, try column(Name(name, range)))
        case .unary(.negate, let operand, _):
            let typed = codes(try check(operand))
            try expect(typed, .number, at: operand.range, what: "'-'")
            return .negate(typed)
        case .unary(.not, let operand, _):
            let typed = try check(operand)
            try expect(typed, .logical, at: operand.range, what: "'not'")
            return .not(typed)
        case .binary(let op, let left, let right, let range):
            var a = try check(left), b = try check(right)
            switch op {
            case .and, .or:
                try expect(a, .logical, at: left.range, what: "'\(op.rawValue)'")
                try expect(b, .logical, at: right.range, what: "'\(op.rawValue)'")
                return .logical(op, a, b)
            case .add, .subtract, .multiply, .divide, .power:
                a = codes(a)
                b = codes(b)
                if a.type == .date || b.type == .date { return try dateArithmetic(op, a, b, left: left, right: right, range: range) }
                try expect(a, .number, at: left.range, what: "'\(op.rawValue)'")
                try expect(b, .number, at: right.range, what: "'\(op.rawValue)'")
                if op == .divide, case .number(0) = b {
                    throw Diagnostic("division by zero", at: right.range)
                }
                return .arithmetic(op, a, b, range)
            default:
                // A labelled column compared with a number, or ordered, is compared by its codes.
                if b.type == .number || !(op == .equal || op == .notEqual) { a = codes(a) }
                if a.type == .number || !(op == .equal || op == .notEqual) { b = codes(b) }
                let comparable = (a.type == b.type && a.type != .logical)
                if !comparable, a.type == .date || b.type == .date {
                    throw Diagnostic("a date can only be compared with a date", at: range,
                                     hint: "write the date as date(\"YYYY-MM-DD\"), e.g. where diag >= date(\"2014-01-01\")")
                }
                guard comparable else {
                    throw Diagnostic("cannot compare a \(a.type.rawValue) value with a \(b.type.rawValue) value", at: range,
                                     hint: a.type == .text || b.type == .text ? "text values go in double quotes, e.g. sex == \"F\"" : nil)
                }
                if a.type == .text, !(op == .equal || op == .notEqual) {
                    throw Diagnostic("text can only be compared with == or !=", at: range, hint: "use 'in (\"a\", \"b\")' for several values")
                }
                return .compare(op, a, b)
            }
        case .inList(let subject, let items, let negated, _):
            var typed = try check(subject)
            if items.allSatisfy({ if case .string = $0 { return false } else { return true } }) { typed = codes(typed) }
            switch typed.type {
            case .text:
                var values: [String] = []
                for item in items {
                    guard case .string(let s, _) = item else {
                        throw Diagnostic("the list for a text column must hold strings", at: item.range, hint: "e.g. in (\"a\", \"b\")")
                    }
                    values.append(s)
                }
                return .inTexts(typed, values, negated: negated)
            case .number:
                var values: [Double] = []
                for item in items {
                    switch item {
                    case .number(let v, _): values.append(v)
                    case .unary(.negate, .number(let v, _), _): values.append(-v)
                    default: throw Diagnostic("the list for a numeric column must hold numbers", at: item.range)
                    }
                }
                return .inNumbers(typed, values, negated: negated)
            case .logical:
                throw Diagnostic("'in' needs a column or value on its left", at: subject.range)
            case .date:
                throw Diagnostic("'in' does not take dates", at: subject.range,
                                 hint: "compare with dates instead, e.g. d >= date(\"2014-01-01\") and d < date(\"2015-01-01\")")
            }
        case .call(let function, let arguments, let range):
            return try checkCall(function, arguments, range)
        case .namedArgument(let name, _, let range):
            throw Diagnostic("'\(name) = ...' names an argument, which only factor(x, ref = LEVEL) takes", at: range,
                             hint: "to compare use '=='")
        }
    }

    /// A text column made from value labels, read as the numbers its levels stand for (`arm + 1`, `arm == 1`,
    /// `arm in (1, 2)`); anything else unchanged.
    func codes(_ typed: TypedExpression) -> TypedExpression {
        if case .column(let name, .text) = typed, context.schema.isCoded(name) { return .column(name, .number) }
        return typed
    }

    private func expect(_ typed: TypedExpression, _ type: ValueType, at range: SourceRange, what: String) throws(Diagnostic) {
        guard typed.type == type else {
            let article = type == .logical ? "a condition" : "a \(type.rawValue)"
            var hint: String?
            if typed.type == .text && type == .number { hint = "text columns cannot be used in arithmetic" }
            if typed.type == .date && type == .number {
                hint = "subtract two dates for a number of days, e.g. let days = last - diag; year(d) and month(d) give numbers"
            }
            throw Diagnostic("\(what) needs \(article), but this is a \(typed.type.rawValue) value", at: range, hint: hint)
        }
    }

    /// Dates subtract to days; a number of days moves a date. Nothing else is arithmetic on dates.
    private func dateArithmetic(_ op: BinaryOperator, _ a: TypedExpression, _ b: TypedExpression,
                                left: Expression, right: Expression, range: SourceRange) throws(Diagnostic) -> TypedExpression {
        switch (op, a.type, b.type) {
        case (.subtract, .date, .date):
            return .arithmetic(.subtract, a, b, range)
        case (.add, .date, .number), (.subtract, .date, .number), (.add, .number, .date):
            return .asDate(.arithmetic(op, a, b, range))
        default:
            throw Diagnostic("dates can be subtracted from each other (giving days) or moved by a number of days, not \(op == .add ? "added together" : "used with '\(op.rawValue)'")", at: range,
                             hint: "e.g. let days = last - diag; let day90 = diag + 90; months are days / 30.4375, years days / 365.25")
        }
    }

    static let functionNames = NumericFunction.allCases.map(\.rawValue) + ["cut", "if", "is_missing", "date", "year", "month", "strata", "factor", "I"]

    private func checkCall(_ function: String, _ arguments: [Expression], _ range: SourceRange) throws(Diagnostic) -> TypedExpression {
        func arity(_ n: Int, _ usage: String) throws(Diagnostic) {
            guard arguments.count == n else {
                throw Diagnostic("\(function)() takes \(n) argument\(n == 1 ? "" : "s"), got \(arguments.count)", at: range, hint: usage)
            }
        }
        if let numeric = NumericFunction(rawValue: function) {
            try arity(1, "\(function)(x)")
            let typed = codes(try check(arguments[0]))
            try expect(typed, .number, at: arguments[0].range, what: "\(function)()")
            return .function(numeric, typed, range)
        }
        if let part = DatePart(rawValue: function) {
            try arity(1, "\(function)(date)")
            let typed = try check(arguments[0])
            try expect(typed, .date, at: arguments[0].range, what: "\(function)()")
            return .datePart(part, typed)
        }
        switch function {
        case "date":
            try arity(1, "date(\"YYYY-MM-DD\")")
            guard case .string(let text, let textRange) = arguments[0] else {
                throw Diagnostic("date() takes a date in double quotes", at: arguments[0].range, hint: "e.g. date(\"2014-01-01\")")
            }
            guard let date = CalendarDate.parse(text) else {
                throw Diagnostic("\"\(text)\" is not a date written YYYY-MM-DD", at: textRange, hint: "write a day that exists as YYYY-MM-DD, e.g. date(\"2014-01-01\")")
            }
            return .dateValue(date.days)
        case "is_missing":
            try arity(1, "is_missing(x)")
            return .isMissing(try check(arguments[0]))
        case "if":
            try arity(3, "if(condition, value_if_true, value_if_false)")
            let condition = try check(arguments[0])
            try expect(condition, .logical, at: arguments[0].range, what: "if()")
            var a = try check(arguments[1]), b = try check(arguments[2])
            if a.type == .logical { a = .ifElse(a, .number(1), .number(0), .number) }
            if b.type == .logical { b = .ifElse(b, .number(1), .number(0), .number) }
            if a.type == .number { b = codes(b) }
            if b.type == .number { a = codes(a) }
            guard a.type == b.type else {
                throw Diagnostic("if() needs both values of the same type, got \(a.type.rawValue) and \(b.type.rawValue)", at: range)
            }
            return .ifElse(condition, a, b, a.type)
        case "cut":
            guard arguments.count >= 2 else {
                throw Diagnostic("cut() needs a column and at least one break", at: range, hint: "cut(x, 0.1, 1) gives <0.1, 0.1-1, >=1")
            }
            let subject = codes(try check(arguments[0]))
            try expect(subject, .number, at: arguments[0].range, what: "cut()")
            var breaks: [Double] = []
            for argument in arguments.dropFirst() {
                switch argument {
                case .number(let v, _): breaks.append(v)
                case .unary(.negate, .number(let v, _), _): breaks.append(-v)
                default: throw Diagnostic("cut() breaks must be numbers", at: argument.range)
                }
            }
            guard zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw Diagnostic("cut() breaks must increase", at: range)
            }
            return .cut(subject, breaks: breaks, labels: Self.cutLabels(breaks))
        case "strata":
            throw Diagnostic("strata() can only be a term of cox", at: range, hint: "e.g. cox age + strata(center)")
        case "factor":
            throw Diagnostic("factor() can only be a term of cox (a text column is already categorical)", at: range,
                             hint: "e.g. cox factor(ph.ecog); 'set ref COLUMN VALUE' chooses the reference level everywhere")
        case "I":
            // R's I(): arithmetic as written. Anywhere but a model term it changes nothing.
            try arity(1, "I(expression)")
            return try check(arguments[0])
        default:
            throw Diagnostic("unknown function '\(function)'", at: range,
                             hint: Suggestions.hint(for: function, in: Self.functionNames) ?? "functions: \(Self.functionNames.joined(separator: ", "))")
        }
    }

    /// A number as typed: no trailing `.0` on whole numbers.
    static func numberText(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// `[-Inf, b1)`, `[b1, b2)`, ..., `[bk, Inf)`: interval notation (R's `cut(right = FALSE)` labels), so a
    /// negative break reads unambiguously (`[-10, 0)`, where `-10-0` read as subtraction) and a Cox term
    /// named after a level stays readable (`age_group[50, 70)`). Breaks print as typed (no trailing `.0`).
    static func cutLabels(_ breaks: [Double]) -> [String] {
        let show = numberText
        let bounds = ["-Inf"] + breaks.map(show) + ["Inf"]
        guard !breaks.isEmpty else { return [] }
        return zip(bounds, bounds.dropFirst()).map { "[\($0), \($1))" }
    }
}
