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
        }
    }

    func testRefusalsNameTheProblem() throws {
        let s = try session("bladder2")
        _ = try run(s, "let bad = start - 1")
        XCTAssertEqual(failure(s, "endpoint bad, stop, event"), "the start column 'bad' has a negative value (-1) in row 1")
        _ = try run(s, "let late = stop + 1")
        XCTAssertEqual(failure(s, "endpoint late, stop, event"), "row 1 starts at 2 but stops at 1: each interval needs start < stop")
        _ = try run(s, "endpoint start, stop, event")
        XCTAssertEqual(failure(s, "logrank"), "logrank is not defined for (start, stop] data: it would count each interval as a subject")
        XCTAssertEqual(failure(s, "landmark at 10"), "'landmark at' and 'censor at' do not apply to (start, stop] endpoints")
        XCTAssertEqual(failure(s, "cox rx + cluster(id) + cluster(rx)"), "a model takes one cluster() term")
    }
}
