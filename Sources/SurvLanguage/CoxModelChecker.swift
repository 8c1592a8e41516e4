/// Checking a Cox model formula: each variable is typed, `*` and `:` are expanded into terms as R's
/// `terms.formula` expands them, and the terms are put in R's order (main effects, then two-way, then
/// three-way interactions). Mistakes that would make a model meaningless are refused here, before any data
/// is read: a term written twice, a column both a term and a stratum, a number as a term.
extension Checker {
    /// R supports any order; past three, an interaction's coefficients are rarely interpretable and the
    /// expansion of `a*b*c*d*...` doubles with each variable, so the order is capped.
    static let maximumInteractionOrder = 3

    func checkModel(_ formula: [FormulaTerm]) throws(Diagnostic) -> CoxModelPlan {
        var variables: [CoxVariable] = []
        var strata: [(column: String, range: SourceRange)] = []
        var cluster: (column: String, range: SourceRange)?
        var terms: [(variables: [Int], range: SourceRange, fromCross: Bool)] = []

        func variableIndex(_ syntax: CoxTermSyntax, inInteraction: Bool) throws(Diagnostic) -> Int? {
            if case .call("strata", let arguments, let range) = syntax.expression {
                guard arguments.count == 1, case .name(let column, let columnRange) = arguments[0] else {
                    throw Diagnostic("strata() takes one column name", at: range, hint: "e.g. cox age + strata(center)")
                }
                guard !inInteraction else {
                    throw Diagnostic("strata() cannot be part of an interaction", at: range,
                                     hint: "add it as a term of its own: cox age + strata(\(column))")
                }
                _ = try self.column(Name(column, columnRange))
                if strata.contains(where: { $0.column == column }) {
                    throw Diagnostic("strata(\(column)) appears twice in the model", at: range, hint: "remove one")
                }
                strata.append((column, range))
                return nil
            }
            if case .call("cluster", let arguments, let range) = syntax.expression {
                guard arguments.count == 1, case .name(let column, let columnRange) = arguments[0] else {
                    throw Diagnostic("cluster() takes one column name", at: range, hint: "e.g. cox age + cluster(id)")
                }
                guard !inInteraction else {
                    throw Diagnostic("cluster() cannot be part of an interaction", at: range,
                                     hint: "add it as a term of its own: cox age + cluster(\(column))")
                }
                _ = try self.column(Name(column, columnRange))
                guard cluster == nil else {
                    throw Diagnostic("a model takes one cluster() term", at: range, hint: "keep one")
                }
                cluster = (column, range)
                return nil
            }
            let variable = try checkVariable(syntax, inInteraction: inInteraction)
            if let existing = variables.firstIndex(where: { $0.isSame(as: variable) }) { return existing }
            variables.append(variable)
            return variables.count - 1
        }

        /// The terms a formula term expands to, each a sorted list of variable indices; nil for strata() and cluster().
        func expand(_ term: FormulaTerm, inInteraction: Bool) throws(Diagnostic) -> [[Int]]? {
            switch term {
            case .variable(let syntax):
                return try variableIndex(syntax, inInteraction: inInteraction).map { [[$0]] }
            case .interaction(let a, let b, let range), .cross(let a, let b, let range):
                guard let left = try expand(a, inInteraction: true), let right = try expand(b, inInteraction: true) else { return nil }
                var products: [[Int]] = []
                for l in left {
                    for r in right {
                        if let shared = l.first(where: { r.contains($0) }) {
                            throw Diagnostic("'\(variables[shared].label)' is crossed with itself", at: range,
                                             hint: "a variable appears once in an interaction")
                        }
                        let product = (l + r).sorted()
                        guard product.count <= Self.maximumInteractionOrder else {
                            throw Diagnostic("interactions of more than \(Self.maximumInteractionOrder) variables are not supported", at: range,
                                             hint: "a*b*c is the largest: main effects, two-way and three-way interactions")
                        }
                        if !products.contains(product) { products.append(product) }
                    }
                }
                guard case .cross = term else { return products }
                var all: [[Int]] = []
                for t in left + right + products where !all.contains(t) { all.append(t) }
                return all
            }
        }

        for part in formula {
            guard let expanded = try expand(part, inInteraction: false) else { continue }
            let fromCross: Bool
            if case .cross = part { fromCross = true } else { fromCross = false }
            for t in expanded {
                if let earlier = terms.first(where: { $0.variables == t }) {
                    let name = t.map { variables[$0].label }.joined(separator: ":")
                    throw Diagnostic("the term '\(name)' appears twice in the model", at: part.range,
                                     hint: earlier.fromCross || fromCross ? "a*b already includes a, b and a:b" : "remove one")
                }
                terms.append((t, part.range, fromCross))
            }
        }
        // A column cannot both shift the hazard and have a baseline hazard of its own per level.
        for (column, range) in strata {
            if let v = variables.first(where: { $0.columns.contains(column) }) {
                throw Diagnostic("'\(column)' is both a term ('\(v.label)') and a stratum", at: range,
                                 hint: "keep it as a term, or as strata(\(column)), not both")
            }
        }
        // R's terms.formula orders terms by degree; within a degree they keep the order written.
        let ordered = terms.enumerated().sorted {
            ($0.element.variables.count, $0.offset) < ($1.element.variables.count, $1.offset)
        }.map { CoxTerm(variables: $0.element.variables) }
        if let cluster, let v = variables.first(where: { $0.columns.contains(cluster.column) }) {
            throw Diagnostic("'\(cluster.column)' is both a term ('\(v.label)') and the cluster", at: cluster.range,
                             hint: "the cluster names the subject; it is not a covariate")
        }
        return CoxModelPlan(variables: variables, terms: ordered, strata: strata.map(\.column), cluster: cluster?.column)
    }

    private func checkVariable(_ syntax: CoxTermSyntax, inInteraction: Bool) throws(Diagnostic) -> CoxVariable {
        let expression = syntax.expression
        let range = expression.range
        switch expression {
        case .number, .unary(.negate, .number, _):
            throw Diagnostic("a number cannot be a model term", at: range,
                             hint: inInteraction ? "at the top level of a term '*' and ':' are formula operators; for arithmetic write I(), e.g. I(age * 2)"
                                                 : "remove it")
        case .call("factor", let arguments, let callRange):
            return try checkFactor(syntax, arguments, callRange)
        case .call("I", let arguments, let callRange):
            guard arguments.count == 1 else {
                throw Diagnostic("I() takes 1 argument, got \(arguments.count)", at: callRange, hint: "e.g. I(age * wt.loss)")
            }
            let typed = try check(arguments[0])
            guard typed.type != .text else {
                throw Diagnostic("I() holds arithmetic, but this is a text value", at: arguments[0].range)
            }
            return CoxVariable(label: syntax.text, kind: .numeric(Self.asNumber(typed)), range: range)
        default:
            break
        }
        let typed = try check(expression)
        if typed.type == .date {
            throw Diagnostic("a date cannot be a model term", at: range,
                             hint: "use the time since a date, e.g. let years = (diag - date(\"2010-01-01\")) / 365.25")
        }
        switch typed {
        case .column(let name, .text):
            return CoxVariable(label: syntax.text, kind: .factor(typed, column: name, reference: nil, referenceRange: nil), range: range)
        case _ where typed.type == .text:
            return CoxVariable(label: syntax.text, kind: .factor(typed, column: nil, reference: nil, referenceRange: nil), range: range)
        default:
            return CoxVariable(label: syntax.text, kind: .numeric(Self.asNumber(typed)), range: range)
        }
    }

    /// `factor(x)` or `factor(x, ref = LEVEL)`; the coefficients are named `factor(x)LEVEL` either way.
    private func checkFactor(_ syntax: CoxTermSyntax, _ arguments: [Expression], _ range: SourceRange) throws(Diagnostic) -> CoxVariable {
        let usage = "factor(x) or factor(x, ref = LEVEL)"
        guard let subject = arguments.first else {
            throw Diagnostic("factor() needs a column", at: range, hint: usage)
        }
        if case .namedArgument = subject { throw Diagnostic("factor() needs a column first", at: subject.range, hint: usage) }
        var reference: ReferenceLevel? = nil
        var referenceRange: SourceRange? = nil
        for argument in arguments.dropFirst() {
            guard case .namedArgument(let name, let value, let argumentRange) = argument, name == "ref" else {
                throw Diagnostic("factor() takes a column and optionally ref = LEVEL", at: argument.range, hint: usage)
            }
            guard reference == nil else { throw Diagnostic("ref is given twice", at: argumentRange) }
            switch value {
            case .string(let level, _): reference = .text(level)
            case .number(let level, _): reference = .number(level)
            case .unary(.negate, .number(let level, _), _): reference = .number(-level)
            default:
                throw Diagnostic("ref must be a level in double quotes or a number", at: value.range, hint: "e.g. factor(ph.ecog, ref = 1)")
            }
            referenceRange = value.range
        }
        let typed = try check(subject)
        guard typed.type != .logical else {
            throw Diagnostic("factor() needs a column or a value, not a condition", at: subject.range,
                             hint: "a condition is already a 1/0 term")
        }
        if typed.type == .date {
            throw Diagnostic("a date cannot be a model term", at: subject.range, hint: "group the dates first, e.g. with if()")
        }
        var isCoded = false
        if case .column(let name, .text) = typed { isCoded = context.schema.isCoded(name) }
        if typed.type == .text, !isCoded, case .number? = reference, let referenceRange {
            throw Diagnostic("this factor's levels are text: its reference level goes in double quotes", at: referenceRange,
                             hint: "e.g. ref = \"B\"")
        }
        let offset = syntax.expression.range.start
        let characters = Array(syntax.text)
        let start = subject.range.start - offset, end = subject.range.end - offset
        let subjectText = start >= 0 && start <= end && end <= characters.count ? String(characters[start..<end]) : syntax.text
        var column: String? = nil
        if case .column(let name, _) = typed { column = name }
        return CoxVariable(label: "factor(\(subjectText))", kind: .factor(typed, column: column, reference: reference, referenceRange: referenceRange),
                           range: syntax.expression.range)
    }

    /// A condition enters a model as 1/0.
    private static func asNumber(_ typed: TypedExpression) -> TypedExpression {
        typed.type == .logical ? .ifElse(typed, .number(1), .number(0), .number) : typed
    }
}

extension CoxVariable {
    /// The same variable however it was spelled (`log(age)`, `log( age )`; `sex` and `factor(sex)` for text).
    func isSame(as other: CoxVariable) -> Bool {
        switch (kind, other.kind) {
        case let (.numeric(a), .numeric(b)): return a == b
        case let (.factor(a, _, ra, _), .factor(b, _, rb, _)): return a == b && ra == rb
        default: return false
        }
    }

    /// The column this variable is, when it is one (plainly or through factor()).
    var columns: [String] {
        switch kind {
        case .numeric(.column(let name, _)): return [name]
        case .factor(_, let column?, _, _): return [column]
        default: return []
        }
    }
}
