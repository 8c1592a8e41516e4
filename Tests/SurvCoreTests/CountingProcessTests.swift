import Foundation
import XCTest
@testable import SurvCore

/// Kaplan–Meier and Cox on (start, stop] data against R (Oracle/counting.R): bladder2's recurrent events,
/// heart's delayed entry at transplant, myeloid split at transplant with tmerge.
final class CountingProcessTests: XCTestCase {
    private struct Intervals {
        var start: [Double], stop: [Double], event: [Bool]
        var columns: [String: [Double]]
        var text: [String: [String]]
    }

    private func load(_ name: String, start: String, stop: String, event: String) throws -> Intervals {
        let data = try Oracle.dataset(name)
        var columns: [String: [Double]] = [:], text: [String: [String]] = [:]
        for column in data.names {
            let values = data.numbers(column)
            if values.allSatisfy({ $0 != nil }) { columns[column] = values.compactMap { $0 } }
            text[column] = data.strings(column).map { $0 ?? "" }
        }
        return Intervals(start: try XCTUnwrap(columns[start]), stop: try XCTUnwrap(columns[stop]),
                         event: try XCTUnwrap(columns[event]).map { $0 == 1 }, columns: columns, text: text)
    }

    private func codes(_ values: [String]) -> [Int] {
        let levels = Array(Set(values)).sorted()
        return values.map { levels.firstIndex(of: $0) ?? 0 }
    }

    private func checkCurves(_ data: Intervals, by group: String, reference: String) throws {
        let r = try XCTUnwrap(try Oracle.json("counting")[reference] as? [String: Any])
        let labels = try XCTUnwrap(r["stratum"] as? [String])
        let values = try XCTUnwrap(data.text[group])
        var at = 0
        for level in Array(Set(values)).sorted() {
            let rows = values.indices.filter { values[$0] == level }
            let curve = try KaplanMeierCurve.fit(start: rows.map { data.start[$0] }, stop: rows.map { data.stop[$0] },
                                                 event: rows.map { data.event[$0] })
            XCTAssertEqual(labels[at], "\(group)=\(level)")
            for j in curve.time.indices {
                let k = at + j
                XCTAssertEqual(curve.time[j], (r["time"] as? [Double])?[k], "\(reference) time \(k)")
                XCTAssertEqual(curve.nRisk[j], (r["n_risk"] as? [Double])?[k], "\(reference) n.risk at \(curve.time[j])")
                XCTAssertEqual(curve.nEvent[j], (r["n_event"] as? [Double])?[k])
                XCTAssertEqual(curve.nCensor[j], (r["n_censor"] as? [Double])?[k])
                XCTAssertMatchesR(curve.surv[j], (r["surv"] as? [Double])?[k], "\(reference) surv at \(curve.time[j])")
                XCTAssertMatchesR(curve.stdErrLogSurv[j], (r["std_err"] as? [Double])?[k], "\(reference) std.err")
                XCTAssertMatchesR(curve.lower[j], (r["lower"] as? [Any])?[k] as? Double, "\(reference) lower")
                XCTAssertMatchesR(curve.upper[j], (r["upper"] as? [Any])?[k] as? Double, "\(reference) upper")
            }
            at += curve.time.count
        }
        XCTAssertEqual(at, labels.count, "\(reference): number of times")
    }

    func testKaplanMeierMatchesSurvfit() throws {
        try checkCurves(try load("bladder2", start: "start", stop: "stop", event: "event"), by: "rx", reference: "km_bladder2")
        try checkCurves(try load("heart", start: "start", stop: "stop", event: "event"), by: "transplant", reference: "km_heart")
        try checkCurves(try load("myeloid_split", start: "tstart", stop: "tstop", event: "death"), by: "trt", reference: "km_myeloid")
    }

    private func checkModel(_ fit: CoxFit, _ reference: String, robust: Bool = false) throws {
        let r = try XCTUnwrap(try Oracle.json("counting")[reference] as? [String: Any])
        let number = { (key: String) in (r[key] as? [Double]) ?? [] }
        XCTAssertEqual(fit.coefficients.count, number("coef").count, reference)
        for (k, c) in fit.coefficients.enumerated() {
            XCTAssertMatchesR(c.coef, number("coef")[k], "\(reference) coef \(c.name)")
            XCTAssertMatchesR(c.se, number("se")[k], "\(reference) se \(c.name)")
            XCTAssertMatchesR(c.z, number("z")[k], "\(reference) z \(c.name)")
            XCTAssertMatchesR(c.p, number("p")[k], "\(reference) p \(c.name)")
            XCTAssertMatchesR(c.hrLower, number("lower")[k], "\(reference) lower \(c.name)")
            XCTAssertMatchesR(c.hrUpper, number("upper")[k], "\(reference) upper \(c.name)")
            if robust { XCTAssertMatchesR(c.robustSE, number("robust_se")[k], "\(reference) robust se \(c.name)") }
        }
        XCTAssertMatchesR(fit.loglikNull, number("loglik").first, "\(reference) null loglik")
        XCTAssertMatchesR(fit.loglik, number("loglik").last, "\(reference) loglik")
        XCTAssertMatchesR(fit.lrTest.chisq, r["lr"] as? Double, "\(reference) LR")
        XCTAssertMatchesR(fit.waldTest.chisq, r["wald"] as? Double, "\(reference) Wald")
        XCTAssertMatchesR(fit.scoreTest.chisq, r["score"] as? Double, "\(reference) score")
        XCTAssertMatchesR(fit.concordance, r["concordance"] as? Double, "\(reference) concordance")
        // The infinitesimal-jackknife standard error, over clusters when the model has them.
        XCTAssertMatchesR(fit.concordanceStdErr, r["concordance_se"] as? Double, "\(reference) concordance se")
        XCTAssertEqual(fit.n, r["n"] as? Int)
        XCTAssertEqual(fit.events, r["events"] as? Int)
        XCTAssertEqual(fit.iterations, r["iterations"] as? Int, "\(reference) iterations")
    }

    func testCoxMatchesCoxph() throws {
        let bladder = try load("bladder2", start: "start", stop: "stop", event: "event")
        let heart = try load("heart", start: "start", stop: "stop", event: "event")
        let myeloid = try load("myeloid_split", start: "tstart", stop: "tstop", event: "death")
        for ties in TiesMethod.allCases {
            func bladderInput(_ names: [String], strata: [Int]? = nil, cluster: [Int]? = nil) throws -> CountingProcessCoxInput {
                CountingProcessCoxInput(start: bladder.start, stop: bladder.stop, event: bladder.event,
                                        covariates: try names.map { try XCTUnwrap(bladder.columns[$0]) }, columnNames: names,
                                        strata: strata, cluster: cluster, ties: ties)
            }
            try checkModel(try CoxFit.fit(countingProcess: try bladderInput(["rx", "size", "number"])), "cox_bladder2_\(ties)")
            let enumCodes = try XCTUnwrap(bladder.columns["enum"]).map { Int($0) }
            try checkModel(try CoxFit.fit(countingProcess: try bladderInput(["rx", "size"], strata: enumCodes)), "cox_bladder2_strata_\(ties)")
            let ids = try XCTUnwrap(bladder.columns["id"]).map { Int($0) }
            try checkModel(try CoxFit.fit(countingProcess: try bladderInput(["rx", "size", "number"], cluster: ids)),
                           "cox_bladder2_cluster_\(ties)", robust: true)
            let heartNames = ["age", "surgery", "transplant"]
            try checkModel(try CoxFit.fit(countingProcess: CountingProcessCoxInput(
                start: heart.start, stop: heart.stop, event: heart.event,
                covariates: try heartNames.map { try XCTUnwrap(heart.columns[$0]) }, columnNames: heartNames, ties: ties)),
                           "cox_heart_\(ties)")
            let trt = try XCTUnwrap(myeloid.text["trt"]).map { $0 == "B" ? 1.0 : 0 }
            let male = try XCTUnwrap(myeloid.text["sex"]).map { $0 == "m" ? 1.0 : 0 }
            try checkModel(try CoxFit.fit(countingProcess: CountingProcessCoxInput(
                start: myeloid.start, stop: myeloid.stop, event: myeloid.event,
                covariates: [trt, male, try XCTUnwrap(myeloid.columns["tx"])], columnNames: ["trtB", "sexm", "tx"],
                cluster: try XCTUnwrap(myeloid.columns["id"]).map { Int($0) }, ties: ties)),
                           "cox_myeloid_cluster_\(ties)", robust: true)
        }
    }

    func testAnEmptyIntervalIsRefused() {
        XCTAssertThrowsError(try KaplanMeierCurve.fit(start: [0, 5], stop: [3, 5], event: [true, false])) { error in
            XCTAssertEqual((error as? CoreError)?.message, "the interval in row 2 is (5, 5]: start must be before stop")
        }
    }
}
