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
}
