import Foundation
import XCTest
@testable import SurvCore

// The model inputs behind Oracle/cox.R and Oracle/zph.R, rebuilt from the exported data sets the way R's
// model.matrix builds them (indicator columns against the first factor level, rows with NA dropped).

enum CoxModelCases {
    static func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
    /// A numeric vector; jsonlite writes a length-one vector as a bare number.
    static func numbers(_ any: Any?) -> [Double?] {
        if let single = any as? NSNumber { return [single.doubleValue] }
        return (any as? [Any])?.map { number($0) } ?? []
    }
    /// A character vector; jsonlite writes a length-one vector as a bare string.
    static func strings(_ any: Any?) -> [String] {
        if let single = any as? String { return [single] }
        return (any as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// Factor levels as R ordered them (written by cox.R).
    static func levels(_ name: String) throws -> [String] {
        let oracle = try Oracle.json("cox")
        return strings((oracle["levels"] as? [String: Any])?[name])
    }

    /// A design built row by row from the complete rows of a data set.
    struct Builder {
        var names: [String] = []
        var columns: [[Double]] = []
        var terms: [CoxTermGroup] = []

        mutating func numeric(_ name: String, _ values: [Double]) {
            terms.append(CoxTermGroup(name: name, columns: [columns.count]))
            names.append(name)
            columns.append(values)
        }

        /// Indicator columns for every level but the first, named like R's model.matrix (`<label><level>`).
        mutating func factor(_ label: String, _ values: [String], levels: [String]) {
            var cols: [Int] = []
            for level in levels.dropFirst() {
                cols.append(columns.count)
                names.append(label + level)
                columns.append(values.map { $0 == level ? 1 : 0 })
            }
            terms.append(CoxTermGroup(name: label, columns: cols))
        }
    }

    static func pick(_ column: [Double?], _ rows: [Int]) -> [Double] { rows.map { column[$0] ?? .nan } }
    static func pick(_ column: [String?], _ rows: [Int]) -> [String] { rows.map { column[$0] ?? "" } }

    /// The case named as in cox.json / zph.json (zph cases drop their "/transform" suffix).
    static func input(_ name: String) throws -> CoxModelInput {
        switch name {
        case "lung_efron", "lung_breslow", "lung_factor", "lung_heavy_ties":
            let d = try Oracle.dataset("lung")
            let rows = d.completeRows(["time", "status", "age", "sex", "ph.ecog"])
            var b = Builder()
            b.numeric("age", pick(d.numbers("age"), rows))
            b.numeric("sex", pick(d.numbers("sex"), rows))
            let ecog = pick(d.numbers("ph.ecog"), rows)
            if name == "lung_factor" {
                b.factor("factor(ph.ecog)", ecog.map { String(Int($0)) }, levels: ["0", "1", "2", "3"])
            } else {
                b.numeric("ph.ecog", ecog)
            }
            var time = pick(d.numbers("time"), rows)
            // ceiling(time / 100): months-like coarsening that makes large groups of tied deaths.
            if name == "lung_heavy_ties" { time = time.map { ($0 / 100).rounded(.up) } }
            return CoxModelInput(time: time, event: pick(d.numbers("status"), rows).map { $0 == 2 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms,
                                 ties: name == "lung_breslow" ? .breslow : .efron)
        case "veteran", "veteran_breslow":
            let d = try Oracle.dataset("veteran")
            let rows = Array(0..<d.rowCount)
            var b = Builder()
            b.factor("celltype", pick(d.strings("celltype"), rows), levels: try levels("celltype"))
            b.numeric("karno", pick(d.numbers("karno"), rows))
            return CoxModelInput(time: pick(d.numbers("time"), rows), event: pick(d.numbers("status"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms,
                                 strata: pick(d.numbers("prior"), rows).map { Int($0) },
                                 ties: name == "veteran" ? .efron : .breslow)
        case "colon":
            let d = try Oracle.dataset("colon")
            let etype = d.numbers("etype")
            let rows = d.completeRows(["time", "status", "rx", "age", "nodes", "sex"]).filter { etype[$0] == 2 }
            var b = Builder()
            b.factor("rx", pick(d.strings("rx"), rows), levels: try levels("rx"))
            b.numeric("age", pick(d.numbers("age"), rows))
            b.numeric("nodes", pick(d.numbers("nodes"), rows))
            return CoxModelInput(time: pick(d.numbers("time"), rows), event: pick(d.numbers("status"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms,
                                 strata: pick(d.numbers("sex"), rows).map { Int($0) })
        case "ovarian":
            let d = try Oracle.dataset("ovarian")
            let rows = Array(0..<d.rowCount)
            var b = Builder()
            for c in ["age", "resid.ds", "rx", "ecog.ps"] { b.numeric(c, pick(d.numbers(c), rows)) }
            return CoxModelInput(time: pick(d.numbers("futime"), rows), event: pick(d.numbers("fustat"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        case "kidney_weighted":
            let d = try Oracle.dataset("kidney")
            let rows = Array(0..<d.rowCount)
            var b = Builder()
            b.numeric("age", pick(d.numbers("age"), rows))
            b.numeric("sex", pick(d.numbers("sex"), rows))
            b.factor("disease", pick(d.strings("disease"), rows), levels: try levels("disease"))
            let weights = pick(d.numbers("id"), rows).map { 1 + Double(Int($0) % 3) }
            return CoxModelInput(time: pick(d.numbers("time"), rows), event: pick(d.numbers("status"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms, weights: weights)
        case "kidney_many_strata":
            let d = try Oracle.dataset("kidney")
            let rows = Array(0..<d.rowCount)
            var b = Builder()
            b.numeric("age", pick(d.numbers("age"), rows))
            b.numeric("frail", pick(d.numbers("frail"), rows))
            return CoxModelInput(time: pick(d.numbers("time"), rows), event: pick(d.numbers("status"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms,
                                 strata: pick(d.numbers("id"), rows).map { Int($0) })
        case "heart":
            let d = try Oracle.dataset("heart")
            let rows = Array(0..<d.rowCount)
            var b = Builder()
            for c in ["age", "year", "surgery", "transplant"] { b.numeric(c, pick(d.numbers(c), rows)) }
            return CoxModelInput(time: pick(d.numbers("stop"), rows), event: pick(d.numbers("event"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        case "lung_noisy_times":
            // Months that differ by rounding noise; cox.R writes them as 17-digit strings so the noise survives.
            let oracle = try Oracle.json("cox")
            guard let records = (oracle["data"] as? [String: Any])?["noisy_times"] as? [[String: Any]] else {
                throw CoreError("missing data for \(name)")
            }
            let months = records.map { ($0["months"] as? String).flatMap(Double.init) ?? .nan }
            var b = Builder()
            for c in ["age", "sex", "ph.ecog"] { b.numeric(c, records.map { number($0[c]) ?? .nan }) }
            return CoxModelInput(time: months, event: records.map { number($0["status"]) == 2 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        case "separated", "not_converged", "collinear":
            let oracle = try Oracle.json("cox")
            let key = name == "collinear" ? "collinear" : "separated"
            guard let records = (oracle["data"] as? [String: Any])?[key] as? [[String: Any]] else {
                throw CoreError("missing data for \(name)")
            }
            func col(_ c: String) -> [Double] { records.map { number($0[c]) ?? .nan } }
            var b = Builder()
            for c in (key == "collinear" ? ["x1", "x2", "x3"] : ["x", "z"]) { b.numeric(c, col(c)) }
            return CoxModelInput(time: col("time"), event: col("status").map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        default:
            throw CoreError("unknown case \(name)")
        }
    }
}

/// Every coxph / summary.coxph number in Oracle/cox.json, compared at the project's tolerance.
final class CoxTests: XCTestCase {
    typealias C = CoxModelCases

    private func oracleCase(_ name: String) throws -> [String: Any] {
        let oracle = try Oracle.json("cox")
        guard let c = (oracle["cases"] as? [String: Any])?[name] as? [String: Any] else {
            XCTFail("no oracle case \(name)")
            throw CoreError("no oracle case \(name)")
        }
        return c
    }

    private func compareTest(_ actual: ChiSquareStatistic, _ expected: Any?, _ what: String) {
        let e = expected as? [String: Any]
        XCTAssertMatchesR(actual.chisq, C.number(e?["chisq"]), "\(what) chisq")
        XCTAssertMatchesR(actual.df, C.number(e?["df"]), "\(what) df")
        XCTAssertMatchesR(actual.p, C.number(e?["p"]), "\(what) p")
    }

    /// Compares one case; returns the fit for case-specific checks.
    @discardableResult
    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> CoxFit {
        let expected = try oracleCase(name)
        let input = try C.input(name)
        let fit = try CoxFit.fit(input, maxIterations: name == "not_converged" ? 3 : 20)
        XCTAssertEqual(fit.n, Int(C.number(expected["n"]) ?? -1), "\(name) n", file: file, line: line)
        XCTAssertEqual(fit.events, Int(C.number(expected["nevent"]) ?? -1), "\(name) events", file: file, line: line)
        XCTAssertEqual(fit.coefficients.map(\.name), C.strings(expected["names"]), "\(name) names", file: file, line: line)
        XCTAssertEqual(fit.droppedColumns, C.strings(expected["dropped"]), "\(name) dropped", file: file, line: line)
        let fields: [(String, KeyPath<CoxCoefficient, Double>)] = [
            ("coef", \.coef), ("se", \.se), ("z", \.z), ("p", \.p), ("hr", \.hr), ("lower", \.hrLower), ("upper", \.hrUpper),
        ]
        for (key, path) in fields {
            let values = C.numbers(expected[key])
            XCTAssertEqual(values.count, fit.coefficients.count, "\(name) \(key) count", file: file, line: line)
            for (k, coefficient) in fit.coefficients.enumerated() where k < values.count {
                if values[k] == nil {
                    // jsonlite writes R's Inf (an interval bound of an infinite coefficient) as null.
                    XCTAssertTrue(coefficient[keyPath: path].isInfinite, "\(name) \(coefficient.name) \(key) should be infinite",
                                  file: file, line: line)
                    continue
                }
                XCTAssertMatchesR(coefficient[keyPath: path], values[k], "\(name) \(coefficient.name) \(key)", file: file, line: line)
            }
        }
        let variance = (expected["var"] as? [Any])?.map { C.numbers($0) } ?? []
        XCTAssertEqual(variance.count, fit.variance.count, "\(name) variance rows", file: file, line: line)
        for (i, row) in variance.enumerated() where i < fit.variance.count {
            for (j, v) in row.enumerated() where j < fit.variance[i].count {
                XCTAssertMatchesR(fit.variance[i][j], v, "\(name) var[\(i),\(j)]", file: file, line: line)
            }
        }
        let loglik = C.numbers(expected["loglik"])
        XCTAssertMatchesR(fit.loglikNull, loglik.first ?? nil, "\(name) loglik null", file: file, line: line)
        XCTAssertMatchesR(fit.loglik, loglik.last ?? nil, "\(name) loglik", file: file, line: line)
        compareTest(fit.lrTest, expected["lr"], "\(name) LR")
        compareTest(fit.waldTest, expected["wald"], "\(name) Wald")
        compareTest(fit.scoreTest, expected["score"], "\(name) score")
        XCTAssertMatchesR(fit.concordance, C.number(expected["concordance"]), "\(name) concordance", file: file, line: line)
        XCTAssertMatchesR(fit.concordanceStdErr, C.number(expected["concordance_se"]), "\(name) concordance se", file: file, line: line)
        XCTAssertEqual(fit.iterations, Int(C.number(expected["iter"]) ?? -1), "\(name) iterations", file: file, line: line)
        return fit
    }

    func testLungEfron() throws {
        let fit = try check("lung_efron")
        XCTAssertTrue(fit.converged)
        XCTAssertTrue(fit.warnings.isEmpty, "\(fit.warnings)")
    }
    func testLungBreslow() throws { try check("lung_breslow") }
    func testLungFactor() throws { try check("lung_factor") }
    func testVeteranStratified() throws { try check("veteran") }
    func testVeteranStratifiedBreslow() throws { try check("veteran_breslow") }
    func testColonStratified() throws { try check("colon") }
    func testOvarian() throws { try check("ovarian") }
    func testKidneyWeighted() throws { try check("kidney_weighted") }
    func testHeart() throws { try check("heart") }
    func testLungHeavyTies() throws { try check("lung_heavy_ties") }

    func testTimesDifferingByRoundingNoiseAreTiedAsCoxphTimefixDoes() throws {
        let input = try C.input("lung_noisy_times")
        let exact = input.time.map { ($0 * 30.4375).rounded() / 30.4375 }
        XCTAssertGreaterThan(zip(input.time, exact).filter { $0 != $1 }.count, 0, "the data must carry the noise under test")
        try check("lung_noisy_times")
    }

    func testManyStrataDropsColumnConstantWithinStrata() throws {
        // 38 strata (more than R's keepstrata limit of 10, where concordancefit pools strata differently).
        let fit = try check("kidney_many_strata")
        XCTAssertEqual(fit.droppedColumns, ["frail"])
    }

    func testSeparationWarnsInfiniteCoefficient() throws {
        let fit = try check("separated")
        XCTAssertTrue(fit.converged)
        let infinite = fit.warnings.filter { $0.code == "infinite_coefficient" }
        XCTAssertEqual(infinite.count, 1)
        XCTAssertTrue(infinite.first?.message.contains("x") ?? false)
        XCTAssertFalse(infinite.first?.message.contains("z") ?? true, "only x is separated")
        XCTAssertTrue(fit.warnings.contains { $0.code == "wald_invalid" })
        // R's warning names variable 1, i.e. x.
        let expected = try oracleCase("separated")
        XCTAssertTrue(C.strings(expected["warnings"]).first?.contains("variable  1 ") ?? false)
    }

    func testCollinearColumnDropped() throws {
        let fit = try check("collinear")
        XCTAssertEqual(fit.droppedColumns, ["x2"])
        XCTAssertTrue(fit.warnings.contains { $0.code == "collinear_term" && $0.message.contains("x2") })
    }

    func testNotConvergedKeepsLastIterate() throws {
        let fit = try check("not_converged")
        XCTAssertFalse(fit.converged)
        XCTAssertTrue(fit.warnings.contains { $0.code == "not_converged" })
    }

    func testBadInputIsATypedError() {
        let good = CoxModelInput(time: [1, 2, 3], event: [true, false, true], covariates: [[0.5, 1, 2]], columnNames: ["x"])
        XCTAssertNoThrow(try CoxFit.fit(good))
        var empty = good; empty.time = []; empty.event = []; empty.covariates = [[]]
        XCTAssertThrowsError(try CoxFit.fit(empty))
        var noEvents = good; noEvents.event = [false, false, false]
        XCTAssertThrowsError(try CoxFit.fit(noEvents))
        var missing = good; missing.covariates = [[0.5, .nan, 2]]
        XCTAssertThrowsError(try CoxFit.fit(missing))
        var badTime = good; badTime.time = [1, .infinity, 3]
        XCTAssertThrowsError(try CoxFit.fit(badTime))
        var badWeight = good; badWeight.weights = [1, 0, 1]
        XCTAssertThrowsError(try CoxFit.fit(badWeight))
        var ragged = good; ragged.covariates = [[1, 2]]
        XCTAssertThrowsError(try CoxFit.fit(ragged))
        var noColumns = good; noColumns.covariates = []; noColumns.columnNames = []
        XCTAssertThrowsError(try CoxFit.fit(noColumns))
        var badTerms = good; badTerms.terms = [CoxTermGroup(name: "t", columns: [3])]
        XCTAssertThrowsError(try CoxFit.fit(badTerms))
    }

    func testMoreColumnsThanEventsWarnsAndDropsRedundantOnes() throws {
        let input = CoxModelInput(time: [1, 2, 3, 4], event: [true, false, true, false],
                                  covariates: [[0.5, 1, 2, 0.1], [1, 3, 0, 2], [2, 2, 1, 5]], columnNames: ["a", "b", "c"])
        let fit = try CoxFit.fit(input)
        XCTAssertTrue(fit.warnings.contains { $0.code == "few_events" })
        for c in fit.coefficients { XCTAssertFalse(c.coef.isNaN) }
    }

    func testHugeCovariateDoesNotProduceNaN() throws {
        // exp() of the linear predictor overflows on the first Newton step; step-halving must recover.
        let x: [Double] = [1e3, -1e3, 5e2, -2e2, 1e3, 0, 7e2, -9e2]
        let input = CoxModelInput(time: [1, 2, 3, 4, 5, 6, 7, 8], event: [true, true, false, true, true, false, true, true],
                                  covariates: [x], columnNames: ["x"])
        let fit = try CoxFit.fit(input)
        XCTAssertTrue(fit.loglik.isFinite)
        for c in fit.coefficients { XCTAssertFalse(c.coef.isNaN || c.se.isNaN) }
    }

    func testConstantColumnIsDropped() throws {
        let input = CoxModelInput(time: [1, 2, 3, 4, 5], event: [true, true, false, true, true],
                                  covariates: [[0.3, 1.2, 0.7, 2.5, 1.1], [4, 4, 4, 4, 4]], columnNames: ["x", "k"])
        let fit = try CoxFit.fit(input)
        XCTAssertEqual(fit.droppedColumns, ["k"])
        XCTAssertEqual(fit.coefficients.map(\.name), ["x"])
    }

    func testFitIsIndependentOfRowOrder() throws {
        let input = try C.input("veteran")
        let reversed = CoxModelInput(time: input.time.reversed(), event: input.event.reversed(),
                                     covariates: input.covariates.map { $0.reversed() }, columnNames: input.columnNames,
                                     terms: input.terms, strata: input.strata?.reversed(), ties: input.ties)
        let a = try CoxFit.fit(input), b = try CoxFit.fit(reversed)
        for (x, y) in zip(a.coefficients, b.coefficients) { XCTAssertEqual(x.coef, y.coef, accuracy: 1e-10) }
        XCTAssertEqual(a.concordance, b.concordance, accuracy: 1e-12)
    }
}

/// Inputs the fit must refuse rather than answer: too large to fit in bounded memory and time, or without
/// any information (an estimate there would print as certainty).
final class CoxRefusalTests: XCTestCase {
    func testMoreCoefficientsThanTheCapAreRefusedBeforeFitting() {
        let p = CoxModelInput.maximumCoefficients + 1
        let input = CoxModelInput(time: [1, 2, 3], event: [true, false, true],
                                  covariates: (0..<p).map { j in [0, Double(j % 2), 1] }, columnNames: (0..<p).map { "x\($0)" })
        XCTAssertThrowsError(try CoxFit.fit(input)) { error in
            XCTAssertEqual((error as? CoreError)?.message, "the Cox model has 501 coefficients; at most 500 can be fitted")
        }
    }

    func testASingleRowIsRefused() {
        let input = CoxModelInput(time: [5], event: [true], covariates: [[3]], columnNames: ["x"])
        XCTAssertThrowsError(try CoxFit.fit(input))
    }

    func testAFlatLikelihoodGivesNoEstimateRatherThanZeroStandardError() {
        let input = CoxModelInput(time: [1, 2, 3], event: [false, false, true], covariates: [[1, 2, 5]], columnNames: ["x"])
        XCTAssertThrowsError(try CoxFit.fit(input))
        // With an informative column beside it, the uninformative one is dropped, never reported with se 0.
        let mixed = CoxModelInput(time: [1, 2, 3, 4, 5, 6], event: [true, true, false, true, true, true],
                                  covariates: [[0.3, 1.2, 0.7, 2.5, 1.1, 0.4], [4, 4, 4, 4, 4, 4]], columnNames: ["x", "k"])
        guard let fit = try? CoxFit.fit(mixed) else { return XCTFail() }
        XCTAssertTrue(fit.coefficients.allSatisfy { $0.se > 0 })
    }

    /// A likelihood pass costs n·p² and can take many seconds for a large model: Ctrl-C must be seen during
    /// a pass, not only between them. Counted, not timed: every pass over 2,000 distinct times polls several times.
    func testEveryLikelihoodPassPollsForInterruption() throws {
        let n = 2_000
        let time = (0..<n).map { Double($0) + 0.5 }
        let x = (0..<n).map { Double(($0 * 7919) % 101) / 10 }
        let input = CoxModelInput(time: time, event: (0..<n).map { $0 % 3 != 0 }, covariates: [x], columnNames: ["x"])
        final class Counter: @unchecked Sendable { var polls = 0 }
        let counter = Counter()
        Interruption.isRequested = { counter.polls += 1; return false }
        defer { Interruption.isRequested = { false } }
        let fit = try CoxFit.fit(input)
        // At least one likelihood pass per iteration; without polls inside a pass there would be about one each.
        XCTAssertGreaterThanOrEqual(counter.polls, fit.iterations * (n / CoxPartialLikelihood.groupsBetweenPolls),
                                    "\(counter.polls) polls over \(fit.iterations) iterations")

        Interruption.isRequested = { counter.polls += 1; return counter.polls > 3 }
        counter.polls = 0
        XCTAssertThrowsError(try CoxFit.fit(input)) { XCTAssertEqual($0 as? CoreError, CoreError.interrupted) }
    }
}
