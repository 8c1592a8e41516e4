import Foundation
import SurvCore
import SurvResults
import XCTest
@testable import SurvSession

/// What `plot km` draws is R's: the curve survfit gives, the number at risk R's summary gives at each x
/// tick, the censoring times, the Nelson–Aalen cumulative hazard with plot.survfit's band, and the
/// log-rank p of survdiff (Reference/session.R).
final class FigureDataAgainstRTests: SessionReferenceTestCase {
    func figure(_ line: String) throws -> SurvivalFigure {
        let s = Session()
        _ = try report(s, "load lung; endpoint time, status; stratify by sex")
        guard case .figure(let r) = try report(s, line), case .survival(let figure) = r.content else {
            throw XCTSkip("not a survival figure")
        }
        return figure
    }

    func testCurvesRiskTableAndCensoringAreRs() throws {
        let figure = try figure("plot km by 200 xmax 1000 ci")
        XCTAssertEqual(figure.xAxis.ticks, numbers("figure_sex1", "ticks"))
        XCTAssertEqual(figure.strata.map(\.label), ["sex=1", "sex=2"])
        for (k, stratum) in figure.strata.enumerated() {
            let name = "figure_sex\(k + 1)"
            XCTAssertEqual(stratum.atRisk, numbers(name, "n_risk"), name)
            XCTAssertEqual(stratum.censorTimes, numbers(name, "censor_times"), name)
            // The first point is the start, (0, 1); then one per survfit time.
            let points = Array(stratum.points.dropFirst())
            XCTAssertEqual(stratum.points.first, StepPoint(time: 0, estimate: 1, lower: 1, upper: 1))
            XCTAssertEqual(points.map(\.time), numbers(name, "time"), name)
            for (p, (s, (lo, up))) in zip(points, zip(numbers(name, "surv"), zip(numbers(name, "lower"), numbers(name, "upper")))) {
                close(p.estimate, s, "\(name) surv at \(p.time)")
                close(p.lower, lo, "\(name) lower at \(p.time)")
                close(p.upper, up, "\(name) upper at \(p.time)")
            }
        }
        let p = try XCTUnwrap((reference["figure_logrank_p"] as? [Any])?.first as? NSNumber).doubleValue
        close(figure.logRankP, p, "log-rank p")
    }

    func testCumulativeHazardIsNelsonAalenWithPlotSurvfitsBand() throws {
        let figure = try figure("plot km cumhaz ci")
        XCTAssertEqual(figure.measure, .cumulativeHazard)
        for (k, stratum) in figure.strata.enumerated() {
            let name = "figure_sex\(k + 1)"
            let points = Array(stratum.points.dropFirst())
            XCTAssertEqual(points.count, numbers(name, "cumhaz_upper").count, name)
            for (p, (h, (lo, up))) in zip(points, zip(numbers(name, "cumhaz"), zip(numbers(name, "cumhaz_lower"), numbers(name, "cumhaz_upper")))) {
                close(p.estimate, h, "\(name) cumhaz at \(p.time)")
                close(p.lower, lo, "\(name) cumhaz lower at \(p.time)")
                close(p.upper, up, "\(name) cumhaz upper at \(p.time)")
            }
        }
    }

    func testCumulativeIncidenceIsOneMinusSurvivalWithItsLimitsSwapped() throws {
        let figure = try figure("plot km cuminc ci")
        let points = Array(try XCTUnwrap(figure.strata.first).points.dropFirst())
        XCTAssertEqual(points.count, numbers("figure_sex1", "lower").count)
        for (p, (s, lo)) in zip(points, zip(numbers("figure_sex1", "surv"), numbers("figure_sex1", "lower"))) {
            close(p.estimate, 1 - s, "cuminc at \(p.time)")
            close(p.upper, 1 - lo, "cuminc upper at \(p.time)")
        }
    }

    func testOptionsReachTheFigure() throws {
        let figure = try figure("plot km no risktable no censor percent title \"Lung\" xlab \"Days\"")
        XCTAssertEqual(figure.title, "Lung")
        XCTAssertEqual(figure.xAxis.label, "Days")
        XCTAssertTrue(figure.strata.allSatisfy { $0.atRisk.isEmpty && $0.censorTimes.isEmpty })
        XCTAssertTrue(figure.options.percent)
        XCTAssertFalse(figure.options.riskTable)
    }

    /// A time column with a variable label (from a Stata or SPSS file) titles the time axis.
    func testTheTimeAxisTakesTheTimeColumnsLabel() throws {
        let s = Session()
        _ = try report(s, "load aml; endpoint time, status")
        guard var table = s.table, var time = table.column(named: "time") else { return XCTFail() }
        time.label = "Weeks from randomisation"
        try table.setColumn(time)
        s.table = table
        guard case .figure(let r) = try report(s, "plot km"), case .survival(let f) = r.content else { return XCTFail() }
        XCTAssertEqual(f.xAxis.label, "Weeks from randomisation")
        guard case .figure(let titled) = try report(s, "plot km xlab \"Weeks\""), case .survival(let g) = titled.content else { return XCTFail() }
        XCTAssertEqual(g.xAxis.label, "Weeks", "xlab wins")
    }
}
