import Foundation
import SurvCore
import SurvLanguage
import SurvResults

/// `plot`: the figure's data, computed as the tables are (the same curves, the same rows), so a figure and
/// the table printed beside it cannot disagree. Drawing is the renderers'.
extension Session {
    func plot(_ plan: PlotPlan) throws(Diagnostic) -> Report {
        let report: FigureReport
        switch plan.figure {
        case .km:
            report = FigureReport(content: .survival(try survivalFigure(plan)), path: plan.path, conventions: settings.conventions)
        case .cuminc:
            report = FigureReport(content: .survival(try incidenceFigure(plan)), path: plan.path, conventions: settings.conventions)
        case .cox:
            guard let (_, fit, conventions, source) = lastCox else { throw Diagnostic("there is no Cox model to plot", hint: "fit one first, e.g. cox age + sex") }
            report = FigureReport(content: .forest(forestFigure(fit, title: plan.title)), path: plan.path, model: source, conventions: conventions)
        case .zph:
            guard let (data, fit, conventions, source) = lastCox else { throw Diagnostic("there is no Cox model to plot", hint: "fit one first, e.g. cox age + sex") }
            report = FigureReport(content: .residuals(try residualFigure(data: data, fit: fit, plan: plan)), path: plan.path,
                                  model: source, conventions: conventions)
        }
        // The last step: nothing above changed the session, and a file that cannot be written is an error
        // that leaves it as it was.
        if let path = plan.path { try writeFigure(report, path: path) }
        return .figure(report)
    }

    /// The x axis is time: titled with the endpoint's time column's variable label when the file gave one
    /// ("Months from randomisation"), else "Time".
    var timeAxisTitle: String {
        guard let name = currentEndpoint, let time = endpoints[name]?.time,
              let label = table?.column(named: time)?.label, !label.isEmpty else { return "Time" }
        return label
    }

    /// A replayed notebook writes no files: the figure is computed and compared, its file left alone.
    private func writeFigure(_ report: FigureReport, path: String) throws(Diagnostic) {
        guard fileAccess.allowsWriting else { return }
        guard let figureFiles else {
            throw Diagnostic("figure files are not available in this session", hint: "use the surv command-line tool")
        }
        let url = try fileAccess.resolveForWriting(path, relativeTo: baseDirectory)
        try figureFiles.write(report, to: url, path: path)
    }

    private func survivalFigure(_ plan: PlotPlan) throws(Diagnostic) -> SurvivalFigure {
        var curves: [(label: String, curve: KaplanMeierCurve)] = []
        var data: StratifiedOutcome?
        if let name = currentEndpoint, let endpoint = endpoints[name], let start = endpoint.start {
            // (start, stop] rows: the curves km prints, with late entries joining the risk set; no log-rank p,
            // which R does not define on intervals.
            curves = try countingProcessCurves(endpoint: endpoint, start: start).curves
        } else {
            let outcome = try stratifiedOutcome()
            for g in outcome.labels.indices where outcome.prepared.rows(inStratum: g) > 0 {
                do {
                    let curve = try KaplanMeierCurve.fit(outcome.prepared, stratum: g, transform: settings.transform, level: settings.level)
                    curves.append((outcome.labels[g], curve))
                } catch { throw Self.diagnostic(error) }
            }
            data = outcome
        }
        let measure: CurveMeasure = switch plan.scale {
        case .survival: .survival
        case .cumulativeIncidence: .cumulativeIncidence
        case .cumulativeHazard: .cumulativeHazard
        }
        let lastTime = curves.map { $0.curve.time.last ?? 0 }.max() ?? 0
        let xAxis = FigureAxis.time(maxTime: lastTime, xmax: plan.xmax, by: plan.tickSpacing, label: plan.xLabel ?? timeAxisTitle)
        var strata: [CurveStratum] = []
        var highest = 0.0
        // A curve of a million rows has a million steps, but a figure has a few thousand columns at most:
        // the value keeps the points that draw it at that resolution, over the whole follow-up.
        let end = max(lastTime, xAxis.upper)
        for (label, curve) in curves {
            let points = Self.stepPoints(curve, measure: measure, band: plan.confidenceBand, through: end)
            for point in points where point.time <= xAxis.upper {
                highest = max(highest, point.estimate, point.upper ?? 0)
            }
            let censored = StepThinning.thinTimes(zip(curve.time, curve.nCensor).filter { $0.1 > 0 }.map(\.0),
                                                  from: 0, to: end, columns: Self.figureColumns)
            let atRisk = plan.riskTable ? AtRiskCount.at(xAxis.ticks, times: curve.time, nRisk: curve.nRisk) : []
            strata.append(CurveStratum(label: label, points: points, censorTimes: plan.censorMarks ? censored : [], atRisk: atRisk))
        }
        let yAxis = FigureAxis.measure(measure, maxValue: highest, label: plan.yLabel)
        var figure = SurvivalFigure(title: plan.title, measure: measure, xAxis: xAxis, yAxis: yAxis, strata: strata,
                                    options: CurveFigureOptions(confidenceBand: plan.confidenceBand, riskTable: plan.riskTable,
                                                                censorMarks: plan.censorMarks, percent: plan.percent))
        if let data, data.labels.count >= 2 {
            // The same test `logrank` prints, across the same strata.
            figure.logRankP = try? LogRankTest.compute(data.prepared, rho: 0).statistic.p
        }
        return figure
    }

    /// Columns a figure's value keeps points for: finer than any terminal or page draws it.
    static let figureColumns = 4096

    /// The curve as steps from (0, start) through `end`, thinned to `figureColumns`: survival from 1,
    /// cumulative incidence (1 − S, its limits swapped) and the Nelson–Aalen cumulative hazard from 0.
    static func stepPoints(_ curve: KaplanMeierCurve, measure: CurveMeasure, band: Bool, through end: Double) -> [StepPoint] {
        let estimate: [Double], lower: [Double?], upper: [Double?], start: Double
        switch measure {
        case .survival:
            (start, estimate) = (1, curve.surv)
            (lower, upper) = band ? (curve.lower, curve.upper) : ([], [])
        case .cumulativeIncidence:
            (start, estimate) = (0, curve.surv.map { 1 - $0 })
            (lower, upper) = band ? (curve.upper.map { $0.map { 1 - $0 } }, curve.lower.map { $0.map { 1 - $0 } }) : ([], [])
        case .cumulativeHazard:
            let hazard = NelsonAalen(curve)
            (start, estimate) = (0, hazard.hazard)
            if band {
                let limits = hazard.band(level: curve.level)
                (lower, upper) = (limits.lower.map { $0 }, limits.upper.map { $0 })
            } else {
                (lower, upper) = ([], [])
            }
        }
        let first = StepPoint(time: 0, estimate: start, lower: band ? start : nil, upper: band ? start : nil)
        return StepThinning.thin(time: curve.time, estimate: estimate, lower: lower, upper: upper, first: first,
                                 from: 0, to: end, columns: figureColumns)
    }

    /// R's `plot(cox.zph(fit))`: per term the scaled Schoenfeld residuals against KM-transformed time, the
    /// natural-spline smooth (4 df) with its ±2 SE band, the x axis labelled with times.
    private func residualFigure(data: FittedCoxData, fit: CoxFit, plan: PlotPlan) throws(Diagnostic) -> ResidualFigure {
        let test: ProportionalHazardsTest
        let smooths: [PHResidualSmooth]
        do {
            test = try data.proportionalHazardsTest(fit: fit)
            smooths = try test.smooths()
        } catch { throw Self.diagnostic(error) }
        let residuals = test.residuals
        let x = residuals.transformedTime
        var axis = FigureAxis.spanning(x, label: plan.xLabel ?? timeAxisTitle)
        if let ticks = test.timeAxisTicks(), !ticks.isEmpty, let low = x.min(), let high = x.max() {
            axis = FigureAxis(label: plan.xLabel ?? "Time", lower: low, upper: high, ticks: ticks.map(\.position))
            axis.tickTimes = ticks.map(\.time)
        }
        let panels = residuals.terms.enumerated().map { i, term in
            var panel = ResidualPanel(term: term, x: x, residuals: i < residuals.values.count ? residuals.values[i] : [], smooth: i < smooths.count ? zip(smooths[i].x.indices, smooths[i].x).map { j, at in
                SmoothPoint(x: at, fit: smooths[i].fit[j], lower: smooths[i].lower[j], upper: smooths[i].upper[j])
            } : [])
            panel.p = i < test.terms.count ? test.terms[i].p : nil
            return panel
        }
        return ResidualFigure(title: plan.title, xAxis: axis, panels: panels)
    }

    private func forestFigure(_ fit: CoxFit, title: String?) -> ForestFigure {
        ForestFigure(title: title, rows: fit.coefficients.map { c in
            ForestRow(term: c.name, hazardRatio: c.hr, lower: c.hrLower, upper: c.hrUpper, p: c.p)
        }, level: fit.level, note: "n = \(fit.n), \(Wording.count(fit.events, "event"))")
    }
}
