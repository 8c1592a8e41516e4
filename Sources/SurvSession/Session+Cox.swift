import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Cox models: the design matrix is built here from the checked model (CoxDesign); all fitting is in the core.
extension Session {
    func cox(_ model: CoxModelPlan, source: String) throws(Diagnostic) -> Report {
        guard let table, let name = currentEndpoint, let endpoint = endpoints[name] else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
        // Variables are evaluated on the kept rows first, so their missing values count like columns'; rows the
        // filter leaves out cannot make a term fail (`where x > 0; cox log(x)`).
        let candidates = keptRows ?? Array(0..<table.rowCount)
        let variables = try CoxDesign.evaluate(model.variables, table: table, rows: candidates)
        let usedColumns = [endpoint.time, endpoint.event] + model.strata
        let usable = candidates.filter { r in
            variables.allSatisfy { !$0.isMissing(r) } && usedColumns.allSatisfy { !(table.column(named: $0)?.isMissing(r) ?? true) }
        }
        guard !usable.isEmpty else {
            throw Diagnostic("no rows left: every kept row has a missing value in a term or the endpoint")
        }
        // One row is its own only risk set, and every term would be constant on it: say what is wrong.
        guard usable.count >= 2 else {
            throw Diagnostic("a Cox model needs at least 2 rows, and only 1 is left", hint: "check the filter and the rows dropped for missing values")
        }
        let accounting = RowAccounting(kept: candidates.count, droppedMissing: candidates.count - usable.count)
        let outcome = try SurvivalOutcome.build(table: table, rows: usable, time: endpoint.time, event: endpoint.event)
        var strataCodes: [Int]? = nil
        if !model.strata.isEmpty {
            strataCodes = Grouping(table: table, rows: usable, columns: model.strata, references: referenceLevels).groups
        }
        guard !model.terms.isEmpty else {
            return try nullModel(outcome: outcome, strata: strataCodes, model: model, endpoint: name, rows: accounting)
        }
        let design = try CoxDesign(model: model, variables: variables, rows: usable, references: referenceLevels)
        let input = CoxModelInput(time: outcome.time, event: outcome.event, covariates: design.columns, columnNames: design.names,
                                  terms: design.groups, strata: strataCodes, weights: nil, ties: settings.ties)
        let fit: CoxFit
        do { fit = try CoxFit.fit(input, level: settings.level) } catch { throw Self.diagnostic(error) }
        lastCox = (input, fit, settings.conventions, source.trimmingCharacters(in: .whitespaces))
        return .cox(CoxReport(endpoint: describeEndpoint(name), fit: fit, strataColumns: model.strata, rows: accounting,
                              conventions: settings.conventions))
    }

    /// `cox strata(g)`: nothing to estimate; R reports the null log-likelihood, n and the events. It leaves
    /// no model for phtest to test.
    private func nullModel(outcome: SurvivalOutcome, strata: [Int]?, model: CoxModelPlan, endpoint: String,
                           rows: RowAccounting) throws(Diagnostic) -> Report {
        let null: CoxNullModel
        do {
            null = try CoxNullModel.fit(time: outcome.time, event: outcome.event, strata: strata, ties: settings.ties)
        } catch { throw Self.diagnostic(error) }
        lastCox = nil
        return .coxNull(CoxNullReport(endpoint: describeEndpoint(endpoint), model: null, strataColumns: model.strata, rows: rows,
                                      conventions: settings.conventions))
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
