import Foundation
import XCTest
@testable import SurvCore

/// Times that differ by rounding noise, with chains of near-equal times that run across strata (timefix.R):
/// R ties them over the whole response before strata are formed, in survfit, survdiff, coxph and cox.zph
/// alike, and so must every computation that reads one `SurvivalPreparation`.
final class TimeFixTests: XCTestCase {
    private struct Data {
        var time: [Double] = [], event: [Bool] = [], group: [Int] = [], x1: [Double] = [], x2: [Double] = []
    }

    private func load() throws -> (oracle: [String: Any], data: Data) {
        let oracle = try Oracle.json("timefix")
        let records = try XCTUnwrap(oracle["data"] as? [[String: Any]])
        var data = Data()
        let levels = ["A", "B", "C"]
        for record in records {
            data.time.append(try XCTUnwrap((record["years"] as? String).flatMap(Double.init)))
            data.event.append((record["status"] as? NSNumber)?.intValue == 1)
            data.group.append(try XCTUnwrap(levels.firstIndex(of: try XCTUnwrap(record["g"] as? String))))
            data.x1.append(try XCTUnwrap((record["x1"] as? NSNumber)?.doubleValue))
            data.x2.append(try XCTUnwrap((record["x2"] as? NSNumber)?.doubleValue))
        }
        return (oracle, data)
    }

    private func prepared(_ data: Data) throws -> SurvivalPreparation {
        try SurvivalPreparation(time: data.time, event: data.event, strata: StratumCodes(labels: data.group))
    }

    func testKaplanMeierByStratumTiesAcrossStrataAsSurvfit() throws {
        let (oracle, data) = try load()
        let curves = try XCTUnwrap(oracle["km"] as? [String: [String: Any]])
        let prepared = try prepared(data)
        for (g, level) in ["A", "B", "C"].enumerated() {
            let r = try XCTUnwrap(curves[level])
            let curve = try KaplanMeierCurve.fit(prepared, stratum: g)
            let times = numbers(r["time"])
            XCTAssertEqual(curve.time.count, times.count, "stratum \(level): distinct times")
            guard curve.time.count == times.count else { continue }
            for j in times.indices {
                XCTAssertMatchesR(curve.time[j], times[j], "\(level) time[\(j)]", rel: 1e-14, abs: 0)
                XCTAssertMatchesR(curve.nRisk[j], numbers(r["n.risk"])[j], "\(level) n.risk[\(j)]")
                XCTAssertMatchesR(curve.nEvent[j], numbers(r["n.event"])[j], "\(level) n.event[\(j)]")
                XCTAssertMatchesR(curve.nCensor[j], numbers(r["n.censor"])[j], "\(level) n.censor[\(j)]")
                XCTAssertMatchesR(curve.surv[j], numbers(r["surv"])[j], "\(level) surv[\(j)]")
                XCTAssertMatchesR(curve.stdErrLogSurv[j], numbers(r["std.err"])[j], "\(level) std.err[\(j)]")
            }
        }
        // The same times in stratum A alone do not chain: the difference is what this test is about.
        let a = data.group.indices.filter { data.group[$0] == 0 }
        let alone = try KaplanMeierCurve.fit(time: a.map { data.time[$0] }, event: a.map { data.event[$0] })
        XCTAssertGreaterThan(alone.time.count, try KaplanMeierCurve.fit(prepared, stratum: 0).time.count)
    }

    func testFollowupMediansMatchTheReverseSurvfit() throws {
        let (oracle, data) = try load()
        let prepared = try prepared(data)
        let medians = numbers(oracle["followup_median"])
        for g in 0..<3 {
            let curve = try KaplanMeierCurve.fit(prepared, stratum: g, reverse: true)
            XCTAssertMatchesR(curve.median.estimate, medians[g], "median follow-up of stratum \(g)")
        }
    }

    func testLogRankMatchesSurvdiff() throws {
        let (oracle, data) = try load()
        let r = try XCTUnwrap(oracle["logrank"] as? [String: Any])
        // The strata of the preparation as the groups (the session's way), and groups given row by row.
        let tests = [try LogRankTest.compute(try prepared(data)),
                     try LogRankTest.compute(time: data.time, event: data.event, group: data.group, groupCount: 3)]
        for test in tests {
            for g in 0..<3 {
                XCTAssertMatchesR(test.groups[g].observed, numbers(r["observed"])[g], "observed[\(g)]")
                XCTAssertMatchesR(test.groups[g].expected, numbers(r["expected"])[g], "expected[\(g)]")
            }
            XCTAssertMatchesR(test.statistic.chisq, r["chisq"] as? Double, "chisq")
        }
        let s = try XCTUnwrap(oracle["logrank_stratified"] as? [String: Any])
        let stratified = try LogRankTest.compute(time: data.time, event: data.event, group: data.x2.map { Int($0) },
                                                 groupCount: 2, strata: data.group)
        for g in 0..<2 {
            XCTAssertMatchesR(stratified.groups[g].observed, numbers(s["observed"])[g], "stratified observed[\(g)]")
            XCTAssertMatchesR(stratified.groups[g].expected, numbers(s["expected"])[g], "stratified expected[\(g)]")
        }
        XCTAssertMatchesR(stratified.statistic.chisq, s["chisq"] as? Double, "stratified chisq")
    }

    func testStratifiedCoxAndItsPHTestMatchCoxphAndCoxZph() throws {
        let (oracle, data) = try load()
        let input = CoxModelInput(time: data.time, event: data.event, covariates: [data.x1, data.x2], columnNames: ["x1", "x2"],
                                  strata: data.group)
        let prepared = try input.prepared()
        let fit = try CoxFit.fit(input, prepared: prepared)
        let cox = try XCTUnwrap(oracle["cox"] as? [String: Any])
        for (j, coefficient) in fit.coefficients.enumerated() {
            XCTAssertMatchesR(coefficient.coef, numbers(cox["coef"])[j], "coef[\(j)]")
        }
        let variance = try XCTUnwrap(cox["var"] as? [[Double]])
        for i in 0..<2 { for j in 0..<2 { XCTAssertMatchesR(fit.variance[i][j], variance[i][j], "var[\(i),\(j)]") } }
        XCTAssertMatchesR(fit.loglikNull, numbers(cox["loglik"])[0], "loglik null")
        XCTAssertMatchesR(fit.loglik, numbers(cox["loglik"])[1], "loglik")
        XCTAssertMatchesR(fit.concordance, cox["concordance"] as? Double, "concordance")
        XCTAssertMatchesR(fit.concordanceStdErr, cox["concordance_se"] as? Double, "concordance se")
        // Prepared here or by the caller, the fit is the same.
        XCTAssertEqual(try CoxFit.fit(input), fit)

        let zph = try XCTUnwrap(oracle["zph"] as? [String: Any])
        let test = try ProportionalHazardsTest.compute(input: input, fit: fit, prepared: prepared)
        let chisq = numbers(zph["chisq"])
        for (k, term) in test.terms.enumerated() { XCTAssertMatchesR(term.chisq, chisq[k], "zph \(term.name)") }
        XCTAssertMatchesR(test.global.chisq, chisq[test.terms.count], "zph global")
        let times = numbers(zph["time"])
        XCTAssertEqual(test.residuals.time.count, times.count)
        for (e, t) in zip(test.residuals.time, times) { XCTAssertMatchesR(e, t, "event time", rel: 1e-14, abs: 0) }
        let y = try XCTUnwrap(zph["y"] as? [[Any]])
        for (e, row) in y.enumerated() {
            for k in 0..<2 { XCTAssertMatchesR(test.residuals.values[k][e], (row[k] as? NSNumber)?.doubleValue, "residual[\(e), \(k)]") }
        }
    }
}
