import SurvCore
import SurvData
import SurvLanguage
import SurvRender

/// Cox models: the design matrix is built here from the checked terms; all fitting is in the core.
extension Session {
    func cox(_ terms: [CoxTermPlan], source: String) throws(Diagnostic) -> Report {
        guard let table, let name = currentEndpoint, let endpoint = endpoints[name] else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
        // Evaluate numeric terms on the kept rows first, so their missing values count like columns'; rows the
        // filter leaves out cannot make a term fail (`where x > 0; cox log(x)`).
        let candidates = keptRows ?? Array(0..<table.rowCount)
        let evaluator = ExpressionEvaluator(table: table, rows: candidates)
        var numericValues: [Int: ([Double], [Bool])] = [:]
        var usedColumns = [endpoint.time, endpoint.event]
        for (i, term) in terms.enumerated() {
            switch term {
            case .numeric(_, let expression):
                numericValues[i] = try evaluator.numbers(expression)
            case .categorical(let column), .strata(let column):
                usedColumns.append(column)
            }
        }
        let usable = candidates.filter { r in
            numericValues.values.allSatisfy { !$0.1[r] } && usedColumns.allSatisfy { !(table.column(named: $0)?.isMissing(r) ?? true) }
        }
        guard !usable.isEmpty else {
            throw Diagnostic("no rows left: every kept row has a missing value in a term or the endpoint")
        }
        let accounting = RowAccounting(kept: candidates.count, droppedMissing: candidates.count - usable.count)
        try requireFewCoefficients(terms, rows: usable, table: table)
        let outcome = try SurvivalOutcome.build(table: table, rows: usable, time: endpoint.time, event: endpoint.event)

        var covariates: [[Double]] = []
        var names: [String] = []
        var groups: [CoxTermGroup] = []
        var strataColumns: [String] = []
        for (i, term) in terms.enumerated() {
            switch term {
            case .numeric(let label, _):
                guard let (values, _) = numericValues[i] else { continue }
                // exp(β·x) cannot be evaluated meaningfully at such magnitudes; R returns nonsense there too.
                if let huge = usable.first(where: { Swift.abs(values[$0]) > 1e100 }) {
                    throw Diagnostic("'\(label)' is \(NumberText.short(values[huge])) in row \(huge + 1), too large for a Cox model",
                                     hint: "rescale it, e.g. let x_scaled = x / 1e6")
                }
                groups.append(CoxTermGroup(name: label, columns: [covariates.count]))
                covariates.append(usable.map { values[$0] })
                names.append(label)
            case .categorical(let column):
                guard case .text(let codes, let levels)? = table.column(named: column)?.data else { continue }
                // Levels absent from the analysis rows are dropped, so the reference is the first level present.
                let present = Set(usable.map { codes[$0] })
                let used = levels.indices.filter { present.contains(Int32($0)) }
                guard used.count >= 2 else {
                    throw Diagnostic("'\(column)' has a single value (\(used.first.map { levels[$0] } ?? "none")) in the rows used, so it cannot be a term",
                                     hint: "remove it, or change the filter")
                }
                guard used.count <= Grouping.maximumGroups else {
                    throw Diagnostic("'\(column)' has \(used.count) values in the rows used; a Cox term can have at most \(Grouping.maximumGroups)",
                                     hint: "group the values first, or use a numeric column")
                }
                var indices: [Int] = []
                for level in used.dropFirst() {
                    indices.append(covariates.count)
                    covariates.append(usable.map { codes[$0] == Int32(level) ? 1 : 0 })
                    names.append("\(column)\(levels[level])")
                }
                groups.append(CoxTermGroup(name: column, columns: indices))
            case .strata(let column):
                strataColumns.append(column)
            }
        }
        guard !covariates.isEmpty else {
            throw Diagnostic("the model has no covariates, only strata", hint: "add a term, e.g. cox age + strata(\(strataColumns.first ?? "center"))")
        }
        var strataCodes: [Int]? = nil
        if !strataColumns.isEmpty {
            strataCodes = Grouping(table: table, rows: usable, columns: strataColumns).groups
        }
        let input = CoxModelInput(time: outcome.time, event: outcome.event, covariates: covariates, columnNames: names,
                                  terms: groups, strata: strataCodes, weights: nil, ties: settings.ties)
        let fit: CoxFit
        do { fit = try CoxFit.fit(input, level: settings.level) } catch { throw Self.diagnostic(error) }
        lastCox = (input, fit, settings.conventions, source.trimmingCharacters(in: .whitespaces))
        return .cox(CoxReport(endpoint: describeEndpoint(name), fit: fit, strataColumns: strataColumns, rows: accounting,
                              conventions: settings.conventions))
    }

    /// Counts the design columns the terms will make and refuses too many before any is built: the design
    /// matrix (n·p) and the information matrices (p²) are what a model with hundreds of factor levels exhausts.
    private func requireFewCoefficients(_ terms: [CoxTermPlan], rows: [Int], table: DataTable) throws(Diagnostic) {
        var count = 0
        for term in terms {
            switch term {
            case .numeric: count += 1
            case .categorical(let column):
                guard case .text(let codes, _)? = table.column(named: column)?.data else { continue }
                // One indicator per level present in the rows used, less the reference level.
                count += max(0, Set(rows.map { codes[$0] }).count - 1)
            case .strata: continue
            }
        }
        let cap = CoxModelInput.maximumCoefficients
        guard count <= cap else {
            throw Diagnostic("this model would have \(count) coefficients; at most \(cap) can be fitted",
                             hint: "group the levels of large categorical terms first, e.g. with if() or cut(), or use fewer terms")
        }
    }

    func phtest() throws(Diagnostic) -> Report {
        guard let (input, fit, conventions, model) = lastCox else { throw Diagnostic("there is no Cox model to test", hint: "fit one first, e.g. cox age") }
        do {
            let test = try ProportionalHazardsTest.compute(input: input, fit: fit)
            return .phtest(PHTestReport(test: test, conventions: conventions, model: model, n: fit.n, events: fit.events))
        } catch {
            throw Self.diagnostic(error)
        }
    }
}
