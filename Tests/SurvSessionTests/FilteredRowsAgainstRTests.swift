import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvRender
@testable import SurvSession

/// Analyses whose expressions touch rows the filter leaves out, and defects found by comparing random data
/// sets with R; each compared with R on the same rows (Reference/session.R).
extension SessionAgainstRTests {
    func closeAll(_ actual: [Double?], _ section: String, _ key: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = numbers(section, key)
        XCTAssertEqual(actual.count, expected.count, "\(section) \(key) count", file: file, line: line)
        for (i, (a, b)) in zip(actual, expected).enumerated() { close(a, b, "\(section) \(key)[\(i)]", file: file, line: line) }
    }

    func testCoxTermIsEvaluatedOnTheFilteredRowsOnly() throws {
        let s = try lungSession()
        guard case .cox(let cox) = try report(s, "where ph.karno > 50; cox log(ph.karno - 50)") else { return XCTFail() }
        closeAll(cox.fit.coefficients.map(\.coef), "cox_filtered", "coef")
        closeAll(cox.fit.coefficients.map(\.se), "cox_filtered", "se")
        closeAll([cox.fit.loglikNull, cox.fit.loglik], "cox_filtered", "loglik")
        XCTAssertEqual(Double(cox.fit.n), numbers("cox_filtered", "n").first)
        XCTAssertEqual(Double(cox.fit.events), numbers("cox_filtered", "events").first)
    }

    func testFilterConditionIsEvaluatedOnTheKeptRowsOnly() throws {
        let s = try lungSession()
        _ = try report(s, "where ph.karno > 50; where log(ph.karno - 50) > 3")
        XCTAssertEqual(Double(s.stateReport.kept), numbers("where_filtered", "kept").first)
    }

    func testIfEvaluatesEachBranchOnlyWhereItIsTaken() throws {
        let s = try lungSession()
        guard case .cox(let cox) = try report(s, "let lk = if(ph.karno > 50, log(ph.karno - 50), 0); cox lk") else { return XCTFail() }
        closeAll(cox.fit.coefficients.map(\.coef), "cox_guarded", "coef")
        closeAll(cox.fit.coefficients.map(\.se), "cox_guarded", "se")
        XCTAssertEqual(Double(cox.fit.n), numbers("cox_guarded", "n").first)
    }

    func testLandmarkEndpointIsCheckedOnTheKeptRows() throws {
        let s = Session()
        _ = try report(s, "load lung; where time >= 90; let tl = time - 90; endpoint tl, status")
        guard case .kaplanMeier(let km) = try report(s, "km at 180"), let stratum = km.strata.first else { return XCTFail() }
        XCTAssertEqual(Double(stratum.curve.n), numbers("landmark", "n").first)
        close(stratum.curve.events, numbers("landmark", "events")[0], "events")
        close(stratum.median.estimate, numbers("landmark", "median")[0], "median")
        let at = stratum.at.compactMap { $0 }
        closeAll(at.map(\.surv), "landmark", "surv")
        closeAll(at.map(\.stdErr), "landmark", "std_err")
        closeAll(at.map(\.lower), "landmark", "lower")
        closeAll(at.map(\.upper), "landmark", "upper")
    }

    func testCoxAndPhtestTieTimesThatDifferByRoundingNoise() throws {
        let s = Session()
        _ = try report(s, "load lung; let months = if(age > 60, time / 30.4375, (time - 7) / 30.4375 + 7 / 30.4375); endpoint months, status")
        guard case .cox(let cox) = try report(s, "cox age + sex") else { return XCTFail() }
        closeAll(cox.fit.coefficients.map(\.coef), "cox_noisy", "coef")
        closeAll(cox.fit.coefficients.map(\.se), "cox_noisy", "se")
        closeAll([cox.fit.loglikNull, cox.fit.loglik], "cox_noisy", "loglik")
        guard case .phtest(let ph) = try report(s, "phtest") else { return XCTFail() }
        closeAll(ph.test.terms.map(\.chisq) + [ph.test.global.chisq], "phtest_noisy", "chisq")
        closeAll(ph.test.terms.map(\.p) + [ph.test.global.p], "phtest_noisy", "p")
    }

    func testPhtestAnswersWhenCovariatesDifferInScaleByAMillion() throws {
        for (term, definition) in [("big", "age * 1e5"), ("kcal", "meal.cal * 1000")] {
            let s = try lungSession()
            _ = try report(s, "let female = sex - 1; let \(term) = \(definition); cox female + \(term)")
            guard case .phtest(let ph) = try report(s, "phtest") else { return XCTFail() }
            let section = "phtest_scaled_\(term)"
            closeAll(ph.test.terms.map(\.chisq) + [ph.test.global.chisq], section, "chisq")
            closeAll(ph.test.terms.map(\.df) + [ph.test.global.df], section, "df")
            closeAll(ph.test.terms.map(\.p) + [ph.test.global.p], section, "p")
        }
    }

    func testFisherLeavesOutALevelSeenOnlyBesideMissingValues() throws {
        let section = try XCTUnwrap(reference["fisher_empty_level"] as? [String: Any])
        let records = try XCTUnwrap(section["data"] as? [[String: Any]])
        // jsonlite leaves R's NA out of a record: an absent response is an empty cell.
        let csv = "grade,response\n" + records.map { r in
            "\((r["grade"] as? NSNumber)?.stringValue ?? ""),\(r["response"] as? String ?? "")"
        }.joined(separator: "\n") + "\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-fisher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("graded.csv"), atomically: true, encoding: .utf8)
        let s = Session(baseDirectory: folder)
        guard case .fisher(let r) = try report(s, "load \"graded.csv\"; fisher grade by response") else { return XCTFail() }
        XCTAssertEqual(r.table.rowLevels, ["1", "2"])
        XCTAssertEqual(r.table.missing, 2)
        close(r.result.p, numbers("fisher_empty_level", "p")[0], "p")
        close(r.result.oddsRatio, numbers("fisher_empty_level", "odds_ratio")[0], "odds ratio")
        close(r.result.oddsRatioLower, numbers("fisher_empty_level", "lower")[0], "lower")
        close(r.result.oddsRatioUpper, numbers("fisher_empty_level", "upper")[0], "upper")
    }
}
