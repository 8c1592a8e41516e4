import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Cox models R fits with agreg.fit: on (start, stop] endpoints, and with `cluster(id)` on any endpoint (a
/// one-row-per-subject endpoint is the special case where every interval starts before the first time).
extension Session {
    func countingProcessCox(_ model: CoxModelPlan, table: DataTable, name: String, endpoint: Endpoint,
                            source: String) throws(Diagnostic) -> Report {
        guard !model.terms.isEmpty else {
            throw Diagnostic("this model has no terms to estimate", hint: "add a term, e.g. cox age + cluster(id)")
        }
        let candidates = keptRows ?? Array(0..<table.rowCount)
        let variables = try CoxDesign.evaluate(model.variables, table: table, rows: candidates)
        let needed = [endpoint.start, endpoint.time, endpoint.event, model.cluster].compactMap { $0 } + model.strata
        var usable = AnalysisRows.complete(candidates, of: table.rowCount, in: needed.map { table.column(named: $0) })
        for variable in variables { usable = variable.complete(usable) }
        guard usable.count >= 2 else {
            throw Diagnostic(usable.isEmpty ? "no rows left: every kept row has a missing value in a term or the endpoint"
                                            : "a Cox model needs at least 2 rows, and only 1 is left",
                             hint: "check the filter and the rows dropped for missing values")
        }
        let accounting = RowAccounting(kept: candidates.count, droppedMissing: candidates.count - usable.count)
        let start: [Double], stop: [Double], event: [Bool]
        // The design (censor at, landmark) may drop rows: the terms are evaluated on the rows it keeps.
        if let startColumn = endpoint.start {
            let outcome = try designedIntervals(try CountingProcessOutcome.build(table: table, rows: usable, endpoint: endpoint, start: startColumn))
                .tyingRoundingNoise()
            (usable, start, stop, event) = (outcome.rows, outcome.start, outcome.stop, outcome.event)
        } else {
            let outcome: SurvivalOutcome
            (usable, outcome) = try adjusted(rows: usable, outcome: try SurvivalOutcome.build(table: table, rows: usable, endpoint: endpoint))
            // Every row at risk from before the first time: the risk sets of right-censored data.
            let origin = (outcome.time.min() ?? 0) - 1
            (start, stop, event) = ([Double](repeating: origin, count: outcome.time.count), outcome.time, outcome.event)
        }
        guard stop.count == usable.count else { throw Diagnostic("the endpoint's columns do not line up") }
        guard usable.count >= 2 else {
            throw Diagnostic("a Cox model needs at least 2 rows, and the design leaves \(usable.count)", hint: "landmark none; censor none")
        }
        let design = try CoxDesign(model: model, variables: variables, rows: usable, references: referenceLevels)
        let strataCodes = model.strata.isEmpty ? nil
            : try Grouping(table: table, rows: usable, columns: model.strata, references: referenceLevels).groups
        let clusterCodes = try model.cluster.map { column throws(Diagnostic) in try Grouping(table: table, rows: usable, columns: [column], labelled: false).groups }
        let input = CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: design.columns, columnNames: design.names,
                                            strata: strataCodes, cluster: clusterCodes, ties: settings.ties, terms: design.groups)
        let fit: CoxFit
        do { fit = try CoxFit.fit(countingProcess: input, level: settings.level) } catch { throw Self.diagnostic(error) }
        // cox.zph reads a (start, stop] response with zph2 and a one-row one with zph1 (its ties listed in row
        // order, its times through timefix): a cluster() on one-row data is tested as the model without it.
        let data: FittedCoxData = endpoint.start != nil ? .countingProcess(input)
            : .rightCensored(CoxModelInput(time: stop, event: event, covariates: design.columns, columnNames: design.names,
                                           terms: design.groups, strata: strataCodes, ties: settings.ties), prepared: nil)
        lastCox = (data, fit, settings.conventions, source.trimmingCharacters(in: .whitespaces))
        var report = CoxReport(endpoint: describeEndpoint(name), fit: fit, strataColumns: model.strata, rows: accounting,
                               conventions: settings.conventions)
        report.cluster = model.cluster
        return .cox(report)
    }
}
