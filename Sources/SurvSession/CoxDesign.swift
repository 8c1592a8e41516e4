import SurvCore
import SurvData
import SurvLanguage

/// A model variable's values over the table's rows.
enum EvaluatedVariable {
    case numeric(values: [Double], missing: [Bool])
    /// A level code per table row (-1 = missing) into `labels`, in level order; `values` are the numbers the
    /// levels stand for when the variable is `factor()` of a numeric column (so `ref = 2` can find its level).
    case factor(codes: [Int], labels: [String], values: [Double]?)

    /// `rows` without those where the variable is missing, unpacking it once rather than per row.
    func complete(_ rows: [Int]) -> [Int] {
        switch self {
        case .numeric(_, let missing): return rows.filter { $0 >= 0 && $0 < missing.count && !missing[$0] }
        case .factor(let codes, _, _): return rows.filter { $0 >= 0 && $0 < codes.count && codes[$0] >= 0 }
        }
    }
}

/// The design matrix of a Cox model, built as R's `model.matrix` builds it: a numeric variable is one column,
/// a factor one indicator per level; an interaction's columns are the products of its variables' columns,
/// the first variable varying fastest, named `a:b` from the parts' names (`sexF:age`, `aB:cY`). In a term, a
/// factor is coded against its reference level (contrasts) when the term without it is also in the model —
/// for a main effect, always — and by an indicator for every level otherwise (`age:sex` alone gives one
/// slope per sex), which is R's rule for keeping a model's columns apart.
struct CoxDesign {
    var columns: [[Double]] = []
    var names: [String] = []
    var groups: [CoxTermGroup] = []

    static func evaluate(_ variables: [CoxVariable], table: DataTable, rows: [Int]) throws(Diagnostic) -> [EvaluatedVariable] {
        let evaluator = ExpressionEvaluator(table: table, rows: rows)
        var out: [EvaluatedVariable] = []
        for variable in variables {
            switch variable.kind {
            case .numeric(let expression):
                let (values, missing) = try evaluator.numbers(expression)
                out.append(.numeric(values: values, missing: missing))
            case .factor(let expression, _, _, _):
                switch try evaluator.evaluate(expression) {
                case .text(let codes, let levels):
                    // A labelled column's levels stand for numbers: factor(arm, ref = 2) finds its level by code.
                    var values: [Double]?
                    if case .column(let name, _) = expression, let coded = table.column(named: name)?.levelValues, coded.count == levels.count {
                        values = coded
                    }
                    out.append(.factor(codes: codes.map { $0 < 0 || Int($0) >= levels.count ? -1 : Int($0) }, labels: levels, values: values))
                case .number(let values, let missing):
                    // The levels of numbers are in numeric order (2 before 10), as R's factor() of a number.
                    let levels = NumericLevels(values, rows: rows.filter { $0 < missing.count && !missing[$0] })
                    let codes = values.indices.map { missing[$0] ? -1 : levels.code(of: values[$0]) }
                    out.append(.factor(codes: codes, labels: levels.labels, values: levels.distinct))
                case .logical:
                    throw Diagnostic("factor() needs a column or a value, not a condition", at: variable.range)
                }
            }
        }
        return out
    }

    /// A variable's columns in one term: a name suffix and the value per analysis row.
    private struct Part {
        var name: String
        var values: [Double]
    }

    static let maximumDesignEntries = 50_000_000

    init(model: CoxModelPlan, variables: [EvaluatedVariable], rows: [Int], references: [String: ReferenceLevel]) throws(Diagnostic) {
        // Per variable, the levels in the order the design uses them: the reference first.
        var levelOrder: [[Int]?] = []
        for (variable, values) in zip(model.variables, variables) {
            levelOrder.append(try Self.levels(of: variable, values, rows: rows, references: references))
        }
        let termSets = Set(model.terms.map(\.variables))
        func contrasts(_ term: CoxTerm, _ v: Int) -> Bool {
            term.variables.count == 1 || termSets.contains(term.variables.filter { $0 != v })
        }
        // Counted before anything is built: the design (n·p) and information (p²) matrices are what a model
        // with hundreds of levels exhausts.
        var count = 0
        for term in model.terms {
            var product = 1
            for v in term.variables {
                if let levels = levelOrder[v] { product *= contrasts(term, v) ? levels.count - 1 : levels.count }
            }
            count += product
        }
        let cap = CoxModelInput.maximumCoefficients
        guard count <= cap else {
            throw Diagnostic("this model would have \(count) coefficients; at most \(cap) can be fitted",
                             hint: "group the levels of large categorical terms first, e.g. with if() or cut(), or use fewer terms")
        }
        // The design is held several times over (by column here, by row in the fit), and every Newton pass
        // reads it: 50 million numbers (400 MB a copy) is a million rows by 50 coefficients, or 100,000 by 500.
        guard count.multipliedReportingOverflow(by: rows.count).partialValue <= Self.maximumDesignEntries else {
            throw Diagnostic("this model would hold \(rows.count) rows × \(count) coefficients = \(String(format: "%.1f", Double(count) * Double(rows.count) / 1e6)) million numbers; "
                             + "at most \(Self.maximumDesignEntries / 1_000_000) million can be fitted",
                             hint: "use fewer or coarser categorical terms, or fit on a subset with where")
        }
        for term in model.terms {
            var partsPerVariable: [[Part]] = []
            for v in term.variables {
                let variable = model.variables[v]
                switch variables[v] {
                case .numeric(let values, _):
                    partsPerVariable.append([Part(name: variable.label, values: Self.gather(values, rows: rows))])
                case .factor(let codes, let labels, _):
                    let order = levelOrder[v] ?? []
                    let used = contrasts(term, v) ? Array(order.dropFirst()) : order
                    partsPerVariable.append(used.map { level in
                        Part(name: variable.label + labels[level], values: rows.map { codes[$0] == level ? 1 : 0 })
                    })
                }
            }
            var indices: [Int] = []
            // Every combination of one part per variable, the first variable varying fastest (R's column order).
            var choice = [Int](repeating: 0, count: partsPerVariable.count)
            let total = partsPerVariable.reduce(1) { $0 * $1.count }
            for _ in 0..<total {
                var values: [Double] = []
                var name: [String] = []
                for (k, parts) in partsPerVariable.enumerated() {
                    let part = parts[choice[k]]
                    // A main effect's column is its variable's own (1 × v is v): no product to form.
                    if k == 0 {
                        values = part.values
                    } else {
                        for i in values.indices { values[i] *= part.values[i] }
                    }
                    name.append(part.name)
                }
                indices.append(columns.count)
                columns.append(values)
                names.append(name.joined(separator: ":"))
                for k in choice.indices {
                    choice[k] += 1
                    if choice[k] < partsPerVariable[k].count { break }
                    choice[k] = 0
                }
            }
            groups.append(CoxTermGroup(name: term.variables.map { model.variables[$0].label }.joined(separator: ":"), columns: indices))
        }
    }

    /// `values` at `rows`. When the rows are all of them in order (no filter, nothing missing) the column is
    /// shared rather than copied: on a large table each copy is 8 bytes a row that the fit holds beside its
    /// own sorted matrix.
    static func gather(_ values: [Double], rows: [Int]) -> [Double] {
        if rows.count == values.count, rows.indices.allSatisfy({ rows[$0] == $0 }) { return values }
        return rows.map { values[$0] }
    }

    /// The levels of a factor present in the rows, reference first (nil for a numeric variable), after
    /// refusing a variable that cannot be a term: one value in every row, or a value too large to use.
    private static func levels(of variable: CoxVariable, _ values: EvaluatedVariable, rows: [Int],
                               references: [String: ReferenceLevel]) throws(Diagnostic) -> [Int]? {
        switch (values, variable.kind) {
        case (.numeric(let numbers, _), _):
            // exp(β·x) cannot be evaluated meaningfully at such magnitudes; R returns nonsense there too.
            if let huge = rows.first(where: { Swift.abs(numbers[$0]) > 1e100 }) {
                throw Diagnostic("'\(variable.label)' is \(NumberText.short(numbers[huge])) in row \(huge + 1), too large for a Cox model",
                                 at: variable.range, hint: "rescale it, e.g. let x_scaled = x / 1e6")
            }
            if let first = rows.first, rows.allSatisfy({ numbers[$0] == numbers[first] }) {
                throw Diagnostic("'\(variable.label)' has the same value (\(NumberText.short(numbers[first]))) in every row used, so it cannot be a term",
                                 at: variable.range, hint: "remove it, or change the filter")
            }
            return nil
        case (.factor(let codes, let labels, let numbers), .factor(_, let column, let explicit, let explicitRange)):
            var present = [Bool](repeating: false, count: labels.count)
            for r in rows where codes[r] >= 0 { present[codes[r]] = true }
            var used = labels.indices.filter { present[$0] }
            guard used.count >= 2 else {
                throw Diagnostic("'\(variable.label)' has a single value (\(used.first.map { labels[$0] } ?? "none")) in the rows used, so it cannot be a term",
                                 at: variable.range, hint: "remove it, or change the filter")
            }
            guard used.count <= Grouping.maximumGroups else {
                throw Diagnostic("'\(variable.label)' has \(used.count) values in the rows used; a Cox term can have at most \(Grouping.maximumGroups)",
                                 at: variable.range, hint: "group the values first, or use a numeric column")
            }
            let reference = explicit ?? column.flatMap { references[$0] }
            if let reference {
                let index: Int?
                switch reference {
                case .text(let level): index = labels.firstIndex(of: level)
                case .number(let value): index = numbers?.firstIndex(of: value) ?? labels.firstIndex(of: NumberText.short(value))
                }
                guard let index, let position = used.firstIndex(of: index) else {
                    let shown: String
                    switch reference {
                    case .text(let level): shown = "\"\(level)\""
                    case .number(let value): shown = NumberText.short(value)
                    }
                    let where_ = explicit != nil ? "chosen here" : "chosen by set ref"
                    throw Diagnostic("the reference level \(shown) of '\(variable.label)' (\(where_)) does not occur in the rows used",
                                     at: explicitRange ?? variable.range,
                                     hint: "levels: \(Self.preview(used.map { labels[$0] }))")
                }
                used.remove(at: position)
                used.insert(index, at: 0)
            }
            return used
        case (.factor, .numeric):
            return nil
        }
    }

    static func preview(_ levels: [String]) -> String {
        levels.count <= 12 ? levels.joined(separator: ", ") : levels.prefix(12).joined(separator: ", ") + ", …"
    }
}
