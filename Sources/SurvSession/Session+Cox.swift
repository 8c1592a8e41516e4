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
        if endpoint.start != nil || model.cluster != nil {
            return try countingProcessCox(model, table: table, name: name, endpoint: endpoint, source: source)
        }
        // Variables are evaluated on the kept rows first, so their missing values count like columns'; rows the
        // filter leaves out cannot make a term fail (`where x > 0; cox log(x)`).
        let candidates = keptRows ?? Array(0..<table.rowCount)
        let variables = try CoxDesign.evaluate(model.variables, table: table, rows: candidates)
        var usable = AnalysisRows.complete(candidates, of: table.rowCount,
                                           in: ([endpoint.time, endpoint.event] + model.strata).map { table.column(named: $0) })
        for variable in variables { usable = variable.complete(usable) }
        guard !usable.isEmpty else {
            throw Diagnostic("no rows left: every kept row has a missing value in a term or the endpoint")
        }
        // One row is its own only risk set, and every term would be constant on it: say what is wrong.
        guard usable.count >= 2 else {
            throw Diagnostic("a Cox model needs at least 2 rows, and only 1 is left", hint: "check the filter and the rows dropped for missing values")
        }
        let accounting = RowAccounting(kept: candidates.count, droppedMissing: candidates.count - usable.count)
        // The design (censor at, landmark) may drop rows: the terms are evaluated on the rows it keeps.
        let (designRows, outcome) = try adjusted(rows: usable, outcome: try SurvivalOutcome.build(table: table, rows: usable, endpoint: endpoint))
        usable = designRows
        let rows = try preparedCoxRows(outcome: outcome, rows: usable, strata: model.strata, table: table)
        guard !model.terms.isEmpty else {
            return try nullModel(outcome: outcome, rows: rows, model: model, endpoint: name, accounting: accounting)
        }
        let design = try CoxDesign(model: model, variables: variables, rows: usable, references: referenceLevels)
        let input = CoxModelInput(time: outcome.time, event: outcome.event, covariates: design.columns, columnNames: design.names,
                                  terms: design.groups, strata: rows.strataCodes, weights: nil, ties: settings.ties)
        let fit: CoxFit
        do { fit = try CoxFit.fit(input, prepared: rows.prepared, level: settings.level) } catch { throw Self.diagnostic(error) }
        preparedCox = rows
        lastCox = (.rightCensored(input, prepared: rows.prepared), fit, settings.conventions, source.trimmingCharacters(in: .whitespaces))
        return .cox(CoxReport(endpoint: describeEndpoint(name), fit: fit, strataColumns: model.strata, rows: accounting,
                              conventions: settings.conventions))
    }

    /// The rows of a Cox model prepared for the core (timefix, order by stratum then time), kept for the next
    /// model on the same rows and strata and for phtest.
    struct PreparedCoxRows {
        var strata: [String]
        var rows: [Int]
        /// The stratum code of each row, as the model input carries it; nil without strata.
        var strataCodes: [Int]?
        var prepared: SurvivalPreparation
    }

    private func preparedCoxRows(outcome: SurvivalOutcome, rows: [Int], strata: [String],
                                 table: DataTable) throws(Diagnostic) -> PreparedCoxRows {
        if let preparedCox, preparedCox.strata == strata, preparedCox.rows == rows { return preparedCox }
        var codes: StratumCodes?
        if !strata.isEmpty {
            codes = try Grouping(table: table, rows: rows, columns: strata, references: referenceLevels).codes
        }
        do {
            let prepared = try SurvivalPreparation(time: outcome.time, event: outcome.event, strata: codes)
            return PreparedCoxRows(strata: strata, rows: rows, strataCodes: codes.map { $0.codes.map { Int($0) } }, prepared: prepared)
        } catch { throw Self.diagnostic(error) }
    }

    /// `cox strata(g)`: nothing to estimate; R reports the null log-likelihood, n and the events. It leaves
    /// no model for phtest to test.
    private func nullModel(outcome: SurvivalOutcome, rows: PreparedCoxRows, model: CoxModelPlan, endpoint: String,
                           accounting: RowAccounting) throws(Diagnostic) -> Report {
        let null: CoxNullModel
        do {
            null = try CoxNullModel.fit(time: outcome.time, event: outcome.event, strata: rows.strataCodes, ties: settings.ties,
                                        prepared: rows.prepared)
        } catch { throw Self.diagnostic(error) }
        preparedCox = rows
        lastCox = nil
        return .coxNull(CoxNullReport(endpoint: describeEndpoint(endpoint), model: null, strataColumns: model.strata, rows: accounting,
                                      conventions: settings.conventions))
    }

    func phtest() throws(Diagnostic) -> Report {
        guard let (data, fit, conventions, model) = lastCox else { throw Diagnostic("there is no Cox model to test", hint: "fit one first, e.g. cox age") }
        do {
            let test = try data.proportionalHazardsTest(fit: fit)
            return .phtest(PHTestReport(test: test, conventions: conventions, model: model, n: fit.n, events: fit.events))
        } catch {
            throw Self.diagnostic(error)
        }
    }
}
