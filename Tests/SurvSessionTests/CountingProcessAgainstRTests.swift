import Foundation
import SurvCore
import SurvResults
import XCTest
@testable import SurvSession

/// (start, stop] endpoints typed at the prompt give what R gives on the same rows: the data and reference
/// values are those of SurvCoreTests/Oracle/counting.R (bladder2, heart, myeloid split at transplant).
final class CountingProcessAgainstRTests: XCTestCase {
    private let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SurvCoreTests/Oracle")

    private func reference(_ name: String) throws -> [String: Any] {
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: oracle.appendingPathComponent("counting.json"))) as? [String: Any])
        return try XCTUnwrap(all[name] as? [String: Any])
    }

    private func run(_ s: Session, _ line: String) throws -> Report {
        var last: Report?
        for outcome in s.run(line: line) {
            switch outcome.result {
            case .success(let r): last = r
            case .failure(let d): throw d
            }
        }
        return try XCTUnwrap(last)
    }

    private func failure(_ s: Session, _ line: String) -> String? {
        guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
        return d.message
    }

    private func session(_ data: String) throws -> Session {
        let s = Session()
        _ = try run(s, "load \"\(oracle.appendingPathComponent("data/\(data).csv").path)\"")
        return s
    }

    private func close(_ a: Double?, _ b: Double?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a, let b else { return XCTFail("\(what): \(String(describing: a)) vs R \(String(describing: b))", file: file, line: line) }
        XCTAssertTrue(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(what): \(a) vs R \(b)", file: file, line: line)
    }

    func testKaplanMeierOnIntervalsIsSurvfit() throws {
        let s = try session("heart")
        guard case .message(let message) = try run(s, "endpoint start, stop, event") else { return XCTFail() }
        XCTAssertEqual(message, "endpoint Surv(start, stop, event): 172 intervals, 75 events")
        _ = try run(s, "stratify by transplant")
        guard case .kaplanMeier(let km) = try run(s, "km") else { return XCTFail() }
        let r = try reference("km_heart")
        let surv = try XCTUnwrap(r["surv"] as? [Double]), risk = try XCTUnwrap(r["n_risk"] as? [Double])
        let curves = km.strata.map(\.curve)
        XCTAssertEqual(curves.map(\.time.count).reduce(0, +), surv.count)
        for (k, (value, atRisk)) in zip(curves.flatMap(\.surv), curves.flatMap(\.nRisk)).enumerated() {
            close(value, surv[k], "surv \(k)")
            XCTAssertEqual(atRisk, risk[k])
        }
    }

    /// Times that differ only by rounding noise (months computed two ways) are tied on (start, stop] data as
    /// survfit and coxph tie them (aeqSurv); an interval whose ends are tied has no length and is refused.
    func testRoundingNoiseOnIntervalsIsTiedAsR() throws {
        let s = try session("bladder2_months")
        _ = try run(s, "endpoint start, stop, event")
        _ = try run(s, "stratify by rx")
        guard case .kaplanMeier(let km) = try run(s, "km") else { return XCTFail() }
        let r = try reference("km_bladder2_months")
        let surv = try XCTUnwrap(r["surv"] as? [Double]), risk = try XCTUnwrap(r["n_risk"] as? [Double])
        let curves = km.strata.map(\.curve)
        XCTAssertEqual(curves.map(\.time.count).reduce(0, +), surv.count)
        for (k, (value, atRisk)) in zip(curves.flatMap(\.surv), curves.flatMap(\.nRisk)).enumerated() {
            close(value, surv[k], "surv \(k)")
            XCTAssertEqual(atRisk, risk[k])
        }
        guard case .cox(let cox) = try run(s, "cox rx + size + number + cluster(id)") else { return XCTFail() }
        let c = try reference("cox_bladder2_months")
        for (k, term) in cox.fit.coefficients.enumerated() {
            close(term.coef, (c["coef"] as? [Double])?[k], "\(term.name) coef")
            close(term.robustSE, (c["robust_se"] as? [Double])?[k], "\(term.name) robust se")
        }
        close(cox.fit.loglik, (c["loglik"] as? [Double])?.last, "loglik")
        // An interval of a few ulps: tied, it has no length.
        let noisy = try session("bladder2_months")
        _ = try run(noisy, "let stop2 = if(id == 1, start + 1e-15, stop)")
        _ = try run(noisy, "endpoint start, stop2, event")
        XCTAssertEqual(failure(noisy, "km").map { $0.contains("differ only by rounding noise") }, true)
    }

    func testCoxOnIntervalsIsCoxph() throws {
        let s = try session("bladder2")
        _ = try run(s, "endpoint start, stop, event")
        for ties in ["efron", "breslow"] {
            _ = try run(s, "set ties \(ties)")
            for (model, name) in [("rx + size + number", "cox_bladder2_\(ties)"), ("rx + size + strata(enum)", "cox_bladder2_strata_\(ties)"),
                                  ("rx + size + number + cluster(id)", "cox_bladder2_cluster_\(ties)")] {
                guard case .cox(let cox) = try run(s, "cox \(model)") else { return XCTFail() }
                let r = try reference(name)
                for (k, c) in cox.fit.coefficients.enumerated() {
                    close(c.coef, (r["coef"] as? [Double])?[k], "\(name) \(c.name) coef")
                    close(c.se, (r["se"] as? [Double])?[k], "\(name) \(c.name) se")
                    close(c.p, (r["p"] as? [Double])?[k], "\(name) \(c.name) p")
                    if let robust = r["robust_se"] as? [Double] { close(c.robustSE, robust[k], "\(name) \(c.name) robust se") }
                }
                close(cox.fit.loglik, (r["loglik"] as? [Double])?.last, "\(name) loglik")
                close(cox.fit.waldTest.chisq, r["wald"] as? Double, "\(name) Wald")
                close(cox.fit.concordanceStdErr, r["concordance_se"] as? Double, "\(name) concordance se")
            }
        }
        // cluster() on a one-row-per-subject endpoint: the robust variance of R's coxph.fit.
        _ = try run(s, "endpoint stop, event")
        for ties in ["efron", "breslow"] {
            _ = try run(s, "set ties \(ties)")
            guard case .cox(let cox) = try run(s, "cox rx + size + cluster(id)") else { return XCTFail() }
            let r = try reference("cox_bladder2_stop_cluster_\(ties)")
            for (k, c) in cox.fit.coefficients.enumerated() {
                close(c.coef, (r["coef"] as? [Double])?[k], "\(ties) \(c.name) coef")
                close(c.robustSE, (r["robust_se"] as? [Double])?[k], "\(ties) \(c.name) robust se")
            }
            close(cox.fit.concordance, r["concordance"] as? Double, "\(ties) concordance")
            close(cox.fit.concordanceStdErr, r["concordance_se"] as? Double, "\(ties) concordance se")
        }
    }

    /// `plot km` on intervals draws the curves km prints, with R's summary(fit, times = ticks)$n.risk under
    /// the ticks (late entries join the risk set) and no log-rank p, which R does not define on intervals.
    func testKaplanMeierFigureOnIntervalsCountsRsRiskSets() throws {
        let s = try session("heart")
        _ = try run(s, "endpoint start, stop, event")
        _ = try run(s, "stratify by transplant")
        guard case .figure(let report) = try run(s, "plot km by 200"), case .survival(let figure) = report.content else {
            return XCTFail("plot km drew no curves")
        }
        let r = try reference("km_heart_at_risk")
        let labels = try XCTUnwrap(r["stratum"] as? [String]), times = try XCTUnwrap(r["time"] as? [Double])
        let risk = try XCTUnwrap(r["n_risk"] as? [Double])
        XCTAssertEqual(figure.xAxis.ticks, Array(times.prefix(10)))
        XCTAssertEqual(figure.strata.map(\.label), ["transplant=0", "transplant=1"])
        XCTAssertEqual(figure.strata.flatMap { stratum in stratum.atRisk.map { _ in stratum.label } }, labels)
        XCTAssertEqual(figure.strata.flatMap(\.atRisk), risk)
        XCTAssertNil(figure.logRankP)
    }

    /// cox.zph's cases of Oracle/zph_counting.R (Kaplan–Meier transform, as phtest prints it).
    private func zph(_ key: String) throws -> [String: Any] {
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: oracle.appendingPathComponent("zph_counting.json"))) as? [String: Any])
        return try XCTUnwrap((all["cases"] as? [String: Any])?["\(key)/km"] as? [String: Any], "no case \(key)")
    }

    private func numbers(_ any: Any?) -> [Double] {
        if let single = any as? Double { return [single] }
        return (any as? [Any])?.compactMap { $0 as? Double } ?? []
    }

    private func checkPHTest(_ s: Session, _ key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .phtest(let report) = try run(s, "phtest") else { return XCTFail("phtest gave no test", file: file, line: line) }
        let r = try zph(key)
        let chisq = numbers(r["chisq"]), p = numbers(r["p"])
        XCTAssertEqual(report.test.terms.count, chisq.count, "\(key) terms", file: file, line: line)
        for (k, term) in report.test.terms.enumerated() where k < chisq.count {
            close(term.chisq, chisq[k], "\(key) \(term.name) chisq", file: file, line: line)
            close(term.p, p[k], "\(key) \(term.name) p", file: file, line: line)
        }
        close(report.test.global.chisq, (r["global"] as? [String: Any])?["chisq"] as? Double, "\(key) global", file: file, line: line)
        let x = numbers(r["x"]), y = (r["y"] as? [Any])?.map { numbers($0) } ?? []
        XCTAssertEqual(report.test.residuals.transformedTime.count, x.count, "\(key) events", file: file, line: line)
        for (e, value) in zip(report.test.residuals.transformedTime, x).enumerated() { close(value.0, value.1, "\(key) x[\(e)]", file: file, line: line) }
        for (c, column) in y.enumerated() where c < report.test.residuals.values.count {
            for (e, value) in zip(report.test.residuals.values[c], column).enumerated() {
                close(value.0, value.1, "\(key) y[\(e), \(c)]", file: file, line: line)
            }
        }
    }

    func testPHTestOnIntervalsIsCoxZph() throws {
        let s = try session("bladder2")
        _ = try run(s, "endpoint start, stop, event")
        _ = try run(s, "cox rx + size + number")
        try checkPHTest(s, "bladder2_efron")
        _ = try run(s, "set ties breslow")
        _ = try run(s, "cox rx + size + number")
        try checkPHTest(s, "bladder2_breslow")
        _ = try run(s, "set ties efron")
        _ = try run(s, "cox rx + size + strata(enum)")
        try checkPHTest(s, "bladder2_strata")
        // cluster() on one-row data: cox.zph's right-censored path, tied events in row order.
        _ = try run(s, "endpoint stop, event")
        _ = try run(s, "cox rx + size + cluster(id)")
        try checkPHTest(s, "bladder2_stop_cluster")

        let heart = try session("heart")
        _ = try run(heart, "endpoint start, stop, event")
        _ = try run(heart, "cox age + surgery + transplant")
        try checkPHTest(heart, "heart_efron")
    }

    /// `split` then `cox … + cluster(id)`: the rows tmerge makes, tested as cox.zph tests them, and `plot zph`
    /// puts the same test in its panels.
    func testPHTestAfterSplitIsCoxZphOnTmerge() throws {
        let s = Session()
        _ = try run(s, "load myeloid")
        _ = try run(s, "endpoint futime, death")
        _ = try run(s, "split tx at txtime")
        _ = try run(s, "cox trt + sex + tx + cluster(id)")
        try checkPHTest(s, "myeloid_cluster")
        guard case .figure(let figure) = try run(s, "plot zph"), case .residuals(let residuals) = figure.content else {
            return XCTFail("plot zph drew no residuals")
        }
        let p = numbers(try zph("myeloid_cluster")["p"])
        XCTAssertEqual(residuals.panels.count, 3)
        for (panel, expected) in zip(residuals.panels, p) { close(panel.p, expected, "\(panel.term) panel p") }
    }

    func testRefusalsNameTheProblem() throws {
        let s = try session("bladder2")
        _ = try run(s, "let bad = start - 1")
        XCTAssertEqual(failure(s, "endpoint bad, stop, event"), "the start column 'bad' has a negative value (-1) in row 1")
        _ = try run(s, "let late = stop + 1")
        XCTAssertEqual(failure(s, "endpoint late, stop, event"), "row 1 starts at 2 but stops at 1: each interval needs start < stop")
        _ = try run(s, "endpoint start, stop, event")
        XCTAssertEqual(failure(s, "logrank"), "logrank is not defined for (start, stop] data: it would count each interval as a subject")
        XCTAssertEqual(failure(s, "landmark at 1000"), "no intervals end beyond the landmark")
        XCTAssertEqual(failure(s, "censor at start - 1"), "'censor at start - 1' is negative (-1) in row 1")
        XCTAssertEqual(failure(s, "cox rx + cluster(id) + cluster(rx)"), "a model takes one cluster() term")
    }
}
