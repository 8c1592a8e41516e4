import Foundation
import XCTest
@testable import SurvCore

/// The data behind R's plot(cox.zph(fit)) compared with Oracle/zph_plot.json.
final class ProportionalHazardsSmoothTests: XCTestCase {
    typealias C = CoxModelCases

    /// The models of zph_plot.R that zph.R does not already have.
    private func input(_ name: String) throws -> CoxModelInput {
        let lung = try Oracle.dataset("lung")
        switch name {
        case "lung_age_sex", "lung_shifted", "lung_compressed", "lung_years":
            let rows = lung.completeRows(["time", "status", "age", "sex"])
            var b = C.Builder()
            b.numeric("age", C.pick(lung.numbers("age"), rows))
            b.numeric("sex", C.pick(lung.numbers("sex"), rows))
            let time = C.pick(lung.numbers("time"), rows).map { t -> Double in
                switch name {
                case "lung_shifted": return t + 1000
                case "lung_compressed": return t / 100 + 1040
                case "lung_years": return (t / 365).rounded(.up)
                default: return t
                }
            }
            return CoxModelInput(time: time, event: C.pick(lung.numbers("status"), rows).map { $0 == 2 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        case "lung_partial":
            // ecog_men = ifelse(sex == 1, ph.ecog, 0): missing only for a man without ph.ecog.
            let sex = lung.numbers("sex"), ecog = lung.numbers("ph.ecog")
            let ecogMen = zip(sex, ecog).map { s, e in s == 1 ? e : 0 }
            let rows = lung.completeRows(["time", "status", "age", "sex"]).filter { ecogMen[$0] != nil }
            var b = C.Builder()
            b.numeric("age", C.pick(lung.numbers("age"), rows))
            b.numeric("ecog_men", C.pick(ecogMen, rows))
            return CoxModelInput(time: C.pick(lung.numbers("time"), rows),
                                 event: C.pick(lung.numbers("status"), rows).map { $0 == 2 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms,
                                 strata: C.pick(sex, rows).map { Int($0) })
        case "veteran_unstratified":
            let d = try Oracle.dataset("veteran")
            let rows = Array(0..<d.rowCount)
            var b = C.Builder()
            b.numeric("karno", C.pick(d.numbers("karno"), rows))
            b.factor("celltype", C.pick(d.strings("celltype"), rows), levels: try C.levels("celltype"))
            return CoxModelInput(time: C.pick(d.numbers("time"), rows), event: C.pick(d.numbers("status"), rows).map { $0 == 1 },
                                 covariates: b.columns, columnNames: b.names, terms: b.terms)
        default:
            return try C.input(name)
        }
    }

    private func zph(_ model: String, _ transform: PHTimeTransform) throws -> ProportionalHazardsTest {
        let input = try input(model)
        return try ProportionalHazardsTest.compute(input: input, fit: try CoxFit.fit(input), transform: transform)
    }

    private func oracleCase(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        guard let expected = (try Oracle.json("zph_plot")["cases"] as? [String: Any])?[key] as? [String: Any] else {
            XCTFail("no oracle case \(key)", file: file, line: line)
            throw CoreError("no oracle case \(key)")
        }
        return expected
    }

    /// A matrix jsonlite wrote column by column, as rows.
    private func matrixRows(_ any: Any?) -> [[Double?]] {
        let columns = (any as? [Any])?.map { C.numbers($0) } ?? []
        guard let count = columns.first?.count else { return [] }
        return (0..<count).map { i in columns.map { i < $0.count ? $0[i] : nil } }
    }

    private func check(_ model: String, _ transform: PHTimeTransform, df: Int = 4, points: Int = 40, suffix: String = "",
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let key = "\(model)/\(transform.rawValue)\(suffix)"
        let expected = try oracleCase(key, file: file, line: line)
        let test = try zph(model, transform)

        let variance = matrixRows(expected["var"])
        XCTAssertEqual(test.residuals.variance.count, variance.count, "\(key) var rows", file: file, line: line)
        for (i, row) in variance.enumerated() where i < test.residuals.variance.count {
            for (j, v) in row.enumerated() where j < test.residuals.variance[i].count {
                XCTAssertMatchesR(test.residuals.variance[i][j], v, "\(key) var[\(i),\(j)]", file: file, line: line)
            }
        }

        let smooths = try test.smooths(df: df, points: points)
        let predX = C.numbers(expected["pred_x"])
        let terms = expected["terms"] as? [[String: Any]] ?? []
        XCTAssertEqual(smooths.map(\.term), terms.map { $0["term"] as? String ?? "" }, "\(key) terms", file: file, line: line)
        for (smooth, term) in zip(smooths, terms) {
            let what = "\(key) \(smooth.term)"
            if term["singular"] as? Bool == true {
                XCTAssertTrue(smooth.isEmpty, "\(what): R skips a singular fit", file: file, line: line)
                continue
            }
            XCTAssertEqual(smooth.x.count, predX.count, "\(what) points", file: file, line: line)
            for (name, actual, reference) in [("x", smooth.x, predX), ("yhat", smooth.fit, C.numbers(term["yhat"])),
                                              ("ylow", smooth.lower, C.numbers(term["ylow"])),
                                              ("yup", smooth.upper, C.numbers(term["yup"]))] {
                XCTAssertEqual(actual.count, reference.count, "\(what) \(name) count", file: file, line: line)
                for (k, e) in reference.enumerated() where k < actual.count {
                    XCTAssertMatchesR(actual[k], e, "\(what) \(name)[\(k)]", file: file, line: line)
                }
            }
        }

        let ticks = test.timeAxisTicks()
        if let reference = expected["ticks"] as? [String: Any] {
            // R's axis() leaves out a label whose position is NA.
            let pairs = zip(C.numbers(reference["xaxisval"]), C.numbers(reference["xaxislab"])).compactMap { p, t in p.map { ($0, t) } }
            XCTAssertEqual(ticks?.count, pairs.count, "\(key) ticks", file: file, line: line)
            for (tick, (position, time)) in zip(ticks ?? [], pairs) {
                XCTAssertMatchesR(tick.position, position, "\(key) tick position", file: file, line: line)
                XCTAssertMatchesR(tick.time, time, "\(key) tick label", file: file, line: line)
            }
        } else {
            XCTAssertNil(ticks, "\(key): R draws an ordinary time axis", file: file, line: line)
        }
    }

    func testLungAgeSexEveryTransform() throws {
        for t in PHTimeTransform.allCases { try check("lung_age_sex", t) }
    }
    func testOtherDegreesOfFreedomAndPoints() throws {
        try check("lung_age_sex", .km, df: 3, points: 25, suffix: "/df3_n25")
        try check("lung_age_sex", .km, df: 6, points: 60, suffix: "/df6_n60")
        try check("lung_age_sex", .km, df: 2, points: 2, suffix: "/df2_n2")
    }
    func testHeavyTies() throws {
        try check("lung_heavy_ties", .km)
        try check("lung_heavy_ties", .rank)
    }
    /// A factor term: its residuals are projected on the coefficients and `var` is per term.
    func testStratifiedWithFactor() throws { try check("veteran", .km) }
    func testUnstratifiedWithFactor() throws {
        try check("veteran_unstratified", .km)
        try check("veteran_unstratified", .log)
    }
    func testColonStratified() throws { try check("colon", .km) }
    /// A term constant in one stratum has NA residuals there; its smooth uses the rest.
    func testResidualsMissingInOneStratum() throws {
        try check("lung_partial", .km)
        try check("lung_partial", .identity)
    }
    /// Labels rounded to the same two digits repeat; labels rounded past the events have no position.
    func testTickLabelsRepeatOrFallOutside() throws {
        try check("lung_shifted", .km)
        try check("lung_compressed", .km)
        try check("lung_compressed", .rank)
        XCTAssertEqual(try zph("lung_compressed", .km).timeAxisTicks(), [])
    }
    func testTooFewDistinctTimesGiveEmptySmooths() throws {
        try check("lung_years", .km)
        let smooths = try zph("lung_years", .km).smooths()
        XCTAssertEqual(smooths.count, 2)
        XCTAssertTrue(smooths.allSatisfy(\.isEmpty))
    }

    func testNaturalSplineBasisIsRs() throws {
        for key in ["lung_age_sex/km", "lung_age_sex/log", "lung_partial/identity", "lung_age_sex/km/df3_n25",
                    "lung_age_sex/km/df6_n60", "lung_age_sex/km/df2_n2"] {
            let expected = try oracleCase(key)
            let parts = key.split(separator: "/").map(String.init)
            let test = try zph(parts[0], PHTimeTransform(rawValue: parts[1]) ?? .km)
            let df = Int(C.number(expected["df"]) ?? 0)
            let predX = C.numbers(expected["pred_x"]).map { $0 ?? .nan }
            let basis = try NaturalSplineBasis(predX + test.residuals.transformedTime, df: df, intercept: true)
            let knots = C.numbers(expected["knots"])
            XCTAssertEqual(basis.interiorKnots.count, knots.count, "\(key) knots")
            for (a, e) in zip(basis.interiorKnots, knots) { XCTAssertMatchesR(a, e, "\(key) knot") }
            let rows = matrixRows(expected["basis"])
            XCTAssertEqual(basis.rows.count, rows.count, "\(key) basis rows")
            XCTAssertEqual(basis.columns, df)
            for (i, (actual, reference)) in zip(basis.rows, rows).enumerated() {
                XCTAssertEqual(actual.count, reference.count, "\(key) basis columns")
                for (j, (a, e)) in zip(actual, reference).enumerated() {
                    XCTAssertMatchesR(a, e, "\(key) basis[\(i),\(j)]", abs: 1e-12)
                }
            }
        }
    }

    func testTwoSignificantDigitsRoundsAsR() throws {
        let signif = try Oracle.json("zph_plot")["signif"] as? [String: Any]
        let x = C.numbers(signif?["x"]), y = C.numbers(signif?["y"])
        XCTAssertEqual(x.count, y.count)
        XCTAssertFalse(x.isEmpty)
        for (value, rounded) in zip(x, y) {
            guard let value else { continue }
            XCTAssertMatchesR(ProportionalHazardsTest.twoSignificantDigits(value), rounded, "signif(\(value), 2)", abs: 0)
        }
    }

    // MARK: - Degenerate input

    func testInvalidSettingsAreErrors() throws {
        let test = try zph("lung_age_sex", .km)
        XCTAssertThrowsError(try test.smooths(df: 1))
        XCTAssertThrowsError(try test.smooths(df: -3))
        XCTAssertThrowsError(try test.smooths(points: 0))
        XCTAssertThrowsError(try test.smooths(points: ProportionalHazardsTest.maximumSmoothPoints + 1))
        XCTAssertEqual(try test.smooths(points: 1).first?.x.count, 1)
        // More columns than distinct event times: every fit would be singular.
        XCTAssertTrue(try test.smooths(df: 1_000_000).allSatisfy(\.isEmpty))
    }

    func testInconsistentResidualsAreErrorsNotTraps() throws {
        let test = try zph("lung_age_sex", .km)
        var shortValues = test
        shortValues.residuals.values[1].removeLast()
        XCTAssertThrowsError(try shortValues.smooths())
        var missingTerm = test
        missingTerm.residuals.values.removeLast()
        XCTAssertThrowsError(try missingTerm.smooths())
        var noVariance = test
        noVariance.residuals.variance = []
        XCTAssertThrowsError(try noVariance.smooths())
        var infinite = test
        infinite.residuals.transformedTime[0] = .infinity
        XCTAssertThrowsError(try infinite.smooths())
        var noEvents = test
        noEvents.residuals.time = []
        noEvents.residuals.transformedTime = []
        noEvents.residuals.values = [[], []]
        XCTAssertThrowsError(try noEvents.smooths())
        XCTAssertEqual(noEvents.timeAxisTicks(), [])
        var mismatchedTimes = test
        mismatchedTimes.residuals.time.removeLast()
        XCTAssertEqual(mismatchedTimes.timeAxisTicks(), [])
    }

    func testAllMissingResidualsGiveAnEmptySmooth() throws {
        var test = try zph("lung_age_sex", .km)
        test.residuals.values[0] = test.residuals.values[0].map { _ in nil }
        let smooths = try test.smooths()
        XCTAssertTrue(smooths[0].isEmpty)
        XCTAssertFalse(smooths[1].isEmpty)
    }

    func testOneEventGivesEmptySmoothsAndNoTicks() throws {
        var test = try zph("lung_age_sex", .km)
        test.residuals.time = [test.residuals.time[0]]
        test.residuals.transformedTime = [test.residuals.transformedTime[0]]
        test.residuals.values = test.residuals.values.map { [$0[0]] }
        XCTAssertTrue(try test.smooths().allSatisfy(\.isEmpty))
        XCTAssertEqual(test.timeAxisTicks(), [])
    }

    func testIdenticalTimesInterpolateToTheirMean() throws {
        let line = try XCTUnwrap(LinearInterpolation(x: [2, 0, 2, 1], y: [10, 0, 20, 5]))
        XCTAssertEqual(line.value(at: 2), 15)
        XCTAssertEqual(line.value(at: 1.5), 10)
        XCTAssertNil(line.value(at: 2.5))
        XCTAssertNil(line.value(at: -1))
        XCTAssertNil(LinearInterpolation(x: [1, 1], y: [1, 2]))
    }
}
