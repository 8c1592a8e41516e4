import XCTest
@testable import SurvCore

/// Fine–Gray regression against cmprsk's `crr` (Oracle/cmprsk.R), with and without censoring groups.
final class FineGrayTests: XCTestCase {
    private func input(_ oracle: CmprskOracle, _ name: String, event: Int, censoringGroups: Bool) throws -> FineGrayInput {
        let d = try oracle.input(name)
        let declared = [try XCTUnwrap(d["event"] as? Int)] + CmprskOracle.ints(d["competing"])
        // crr(failcode = 2) models death with progression competing: the same codes, the other one first.
        let data = try CompetingRisksData(time: CmprskOracle.doubles(d["time"]), status: CmprskOracle.ints(d["status"]),
                                          event: event, competing: declared.filter { $0 != event })
        let names = (d["covariateNames"] as? [String]) ?? []
        let columns = try XCTUnwrap(d["covariates"] as? [Any]).map(CmprskOracle.doubles)
        return FineGrayInput(data: data, covariates: columns, columnNames: names,
                             censoringGroups: censoringGroups ? try oracle.codes(name, "cengroup") : nil)
    }

    func testEveryFitMatchesCrr() throws {
        let oracle = try CmprskOracle()
        let compare = CmprskComparison()
        var worstCoef = 0.0, worstSE = 0.0
        for e in try oracle.section("crr") {
            let name = try XCTUnwrap(e["input"] as? String)
            let event = try XCTUnwrap(e["event"] as? Int)
            let groups = try XCTUnwrap(e["cengroup"] as? Bool)
            let level = try XCTUnwrap(e["level"] as? Double)
            let label = "\(name) event \(event)\(groups ? " cengroup" : "")"
            let fit = try FineGrayFit.fit(try input(oracle, name, event: event, censoringGroups: groups), level: level)
            XCTAssertEqual(fit.converged, e["converged"] as? Bool, label)
            XCTAssertEqual(fit.n, e["n"] as? Int, label)
            compare.check(fit.coefficients.map(\.coef), CmprskOracle.optionals(e["coef"]), "\(label) coef")
            compare.check(fit.coefficients.map(\.se), CmprskOracle.optionals(e["se"]), "\(label) se")
            compare.check(fit.coefficients.map(\.z), CmprskOracle.optionals(e["z"]), "\(label) z")
            compare.check(fit.coefficients.map(\.p), CmprskOracle.optionals(e["p"]), "\(label) p")
            compare.check(fit.coefficients.map(\.hr), CmprskOracle.optionals(e["hr"]), "\(label) exp(coef)")
            compare.check(fit.coefficients.map(\.hrLower), CmprskOracle.optionals(e["hrLower"]), "\(label) lower")
            compare.check(fit.coefficients.map(\.hrUpper), CmprskOracle.optionals(e["hrUpper"]), "\(label) upper")
            let variance = try XCTUnwrap(e["var"] as? [Any]).map(CmprskOracle.optionals)
            for (j, row) in variance.enumerated() {
                compare.check(fit.variance[j].map { $0 }, row, "\(label) var[\(j)]")
            }
            compare.check(fit.loglik, e["loglik"] as? Double, "\(label) loglik")
            compare.check(fit.loglikNull, e["loglikNull"] as? Double, "\(label) loglik.null")
            for (a, r) in zip(fit.coefficients, CmprskOracle.optionals(e["coef"])) {
                if let r { worstCoef = max(worstCoef, abs(a.coef - r) / max(abs(r), 1e-300)) }
            }
            for (a, r) in zip(fit.coefficients, CmprskOracle.optionals(e["se"])) {
                if let r { worstSE = max(worstSE, abs(a.se - r) / r) }
            }
        }
        XCTAssertGreaterThan(compare.count, 250)
        print("Fine–Gray: \(compare.count) values compared with crr; largest relative difference coef \(worstCoef), se \(worstSE)")
    }

    /// The information and gradient at the estimate are crr's `inf` and −`score`.
    func testInformationAndScoreMatchCrr() throws {
        let oracle = try CmprskOracle()
        let compare = CmprskComparison()
        for e in try oracle.section("crr") {
            let name = try XCTUnwrap(e["input"] as? String)
            let event = try XCTUnwrap(e["event"] as? Int)
            let groups = try XCTUnwrap(e["cengroup"] as? Bool)
            let label = "\(name) event \(event)\(groups ? " cengroup" : "")"
            let fitInput = try input(oracle, name, event: event, censoringGroups: groups)
            let fit = try FineGrayFit.fit(fitInput)
            let at = FineGrayLikelihood(FineGrayData(fitInput), beta: fit.coefficients.map(\.coef), derivatives: true)
            let p = fit.coefficients.count
            let information = try XCTUnwrap(e["information"] as? [Any]).map(CmprskOracle.optionals)
            for j in 0..<p {
                compare.check(Array(at.information[(j * p)..<(j * p + p)]), information[j], "\(label) inf[\(j)]")
            }
            // The score is near 0 at the estimate: compare on the scale of the information.
            let score = CmprskOracle.optionals(e["score"])
            for j in 0..<p {
                let scale = information[j][j] ?? 1
                XCTAssertEqual(-at.gradient[j] / scale, (score[j] ?? .nan) / scale, accuracy: 1e-9, "\(label) score[\(j)]")
            }
        }
        XCTAssertGreaterThan(compare.count, 50)
    }

    /// Times apart by rounding noise: crr ties them in its censoring distribution (survfit's timefix) and reads
    /// it at the raw times (Oracle/cmprsk.R shows that a crr without that tying gives other numbers here).
    func testRoundingNoiseIsTiedInTheCensoringDistributionAsCrr() throws {
        let oracle = try CmprskOracle()
        let cases = try oracle.section("crr").filter { ["noise", "zeroGroup"].contains($0["input"] as? String) }
        XCTAssertEqual(cases.count, 4, "cmprsk.json lost its rounding-noise cases")
        for e in cases {
            let name = try XCTUnwrap(e["input"] as? String)
            let event = try XCTUnwrap(e["event"] as? Int)
            let groups = try XCTUnwrap(e["cengroup"] as? Bool)
            let label = "\(name) event \(event)\(groups ? " cengroup" : "")"
            let fit = try FineGrayFit.fit(try input(oracle, name, event: event, censoringGroups: groups))
            for (j, (a, r)) in zip(fit.coefficients, CmprskOracle.optionals(e["coef"])).enumerated() {
                XCTAssertMatchesR(a.coef, r, "\(label) coef[\(j)]", rel: 1e-9)
            }
            for (j, (a, r)) in zip(fit.coefficients, CmprskOracle.optionals(e["se"])).enumerated() {
                XCTAssertMatchesR(a.se, r, "\(label) se[\(j)]", rel: 1e-9)
            }
            XCTAssertMatchesR(fit.loglik, e["loglik"] as? Double, "\(label) loglik", rel: 1e-12)
        }
    }

    /// Where a competing failure's own censoring weight reads 0 and a later failure needs it, crr stops with an
    /// error (its weights are 0/0); surv refuses with a message instead of returning NaN.
    func testAnUndefinedCensoringWeightIsRefusedAsCrrFails() throws {
        let oracle = try CmprskOracle()
        let failures = try oracle.section("crrFailures")
        XCTAssertFalse(failures.isEmpty)
        for e in failures {
            let name = try XCTUnwrap(e["input"] as? String)
            XCTAssertThrowsError(try FineGrayFit.fit(try input(oracle, name, event: 1, censoringGroups: false)),
                                 "crr fails on \(name): \(e["error"] ?? "")") { error in
                let e = error as? CoreError
                XCTAssertTrue(e?.message.contains("censoring probability of 0") ?? false, "\(String(describing: e))")
                XCTAssertNotNil(e?.hint)
            }
        }
    }

    func testDegenerateInputIsACoreError() throws {
        let data = try CompetingRisksData(time: [1, 2, 3, 4, 5, 6], status: [1, 2, 0, 1, 2, 1], event: 1, competing: [2])
        let x = [0.5, 1.0, -1.0, 2.0, 0.0, 1.5]
        func fit(_ columns: [[Double]], _ names: [String], data: CompetingRisksData? = nil) throws -> FineGrayFit {
            try FineGrayFit.fit(FineGrayInput(data: data ?? (try CompetingRisksData(
                time: [1, 2, 3, 4, 5, 6], status: [1, 2, 0, 1, 2, 1], event: 1, competing: [2])),
                                              covariates: columns, columnNames: names))
        }
        XCTAssertThrowsError(try fit([], []))
        XCTAssertThrowsError(try fit([x], ["x", "y"]))
        XCTAssertThrowsError(try fit([[1, 2]], ["x"]))
        XCTAssertThrowsError(try fit([[1, 2, .nan, 4, 5, 6]], ["x"]))
        // Collinear columns: the error names the one that cannot be estimated.
        XCTAssertThrowsError(try fit([x, x.map { 2 * $0 + 1 }], ["x", "twice"])) { error in
            let e = error as? CoreError
            XCTAssertTrue(e?.message.contains("twice") ?? false, "\(String(describing: e))")
            XCTAssertNotNil(e?.hint)
        }
        XCTAssertThrowsError(try fit([[3, 3, 3, 3, 3, 3]], ["constant"]))
        let noEvents = try CompetingRisksData(time: [1, 2, 3], status: [2, 0, 2], event: 1, competing: [2])
        XCTAssertThrowsError(try fit([[1, 2, 3]], ["x"], data: noEvents)) { error in
            XCTAssertNotNil((error as? CoreError)?.hint)
        }
        XCTAssertNoThrow(try fit([x], ["x"]))
        _ = data
    }

    func testAnInterruptionStopsTheFit() throws {
        let data = try CompetingRisksData(time: [1, 2, 3, 4, 5, 6], status: [1, 2, 0, 1, 2, 1], event: 1, competing: [2])
        let saved = Interruption.isRequested
        Interruption.isRequested = { true }
        defer { Interruption.isRequested = saved }
        XCTAssertThrowsError(try FineGrayFit.fit(FineGrayInput(data: data, covariates: [[0.5, 1, -1, 2, 0, 1.5]],
                                                               columnNames: ["x"]))) { error in
            XCTAssertEqual(error as? CoreError, CoreError.interrupted)
        }
    }
}
