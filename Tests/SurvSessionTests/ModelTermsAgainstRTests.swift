import Foundation
import XCTest
import SurvCore
import SurvData
import SurvRender
@testable import SurvSession

/// Cox model terms — interactions, factor(), reference levels — and the order of text levels, typed at the
/// prompt and compared with R (Reference/session.R, which fits the same models with coxph).
final class ModelTermsAgainstRTests: SessionReferenceTestCase {
    /// lung with the columns session.R derives for these models.
    func session() throws -> Session {
        let s = Session()
        _ = try report(s, "load lung; endpoint time, status; let sexc = if(sex == 1, \"M\", \"F\")")
        _ = try report(s, "let a = if(ph.ecog >= 1, \"B\", \"A\"); let c = if(age > 60, \"Y\", \"X\")")
        _ = try report(s, "let g = if(age < 55, \"b\", if(age < 62, \"A\", if(age < 68, \"a\", \"B\")))")
        return s
    }

    /// Fits `command` and compares every coefficient, standard error, both log-likelihoods, n and events with
    /// the R section; names are compared with R's unless the model is written differently in R (`names`).
    @discardableResult
    func compareModel(_ command: String, _ name: String, names: [String]? = nil, setup: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let s = try session()
        if let setup { _ = try report(s, setup) }
        guard case .cox(let cox) = try report(s, command) else { XCTFail("\(command): not a Cox model", file: file, line: line); return 0 }
        let f = cox.fit
        XCTAssertEqual(f.coefficients.map(\.name), names ?? strings(name, "names"), "\(command): names", file: file, line: line)
        let coef = numbers(name, "coef"), se = numbers(name, "se"), loglik = numbers(name, "loglik")
        XCTAssertEqual(f.coefficients.count, coef.count, "\(command): coefficients", file: file, line: line)
        for (i, c) in f.coefficients.enumerated() where i < coef.count && i < se.count {
            close(c.coef, coef[i], "\(command) coef \(c.name)", file: file, line: line)
            close(c.se, se[i], "\(command) se \(c.name)", file: file, line: line)
        }
        close(f.loglikNull, loglik.first ?? .nan, "\(command) loglik null", file: file, line: line)
        close(f.loglik, loglik.last ?? .nan, "\(command) loglik", file: file, line: line)
        XCTAssertEqual(Double(f.n), numbers(name, "n").first, "\(command): n", file: file, line: line)
        XCTAssertEqual(Double(f.events), numbers(name, "events").first, "\(command): events", file: file, line: line)
        return 2 * coef.count + 2
    }

    /// A bundled data set keeps the level order R's factor has, not the alphabetical one: the textbook
    /// models (colon's rx against observation, veteran's cell types against squamous) come out as in R.
    func testBundledFactorsKeepRsLevelOrder() throws {
        try compareModel("cox rx", "bundled_colon_rx", setup: "load colon; endpoint time, status")
        try compareModel("cox celltype", "bundled_veteran_celltype", setup: "load veteran; endpoint time, status")
    }

    func testNumericByFactor() throws {
        try compareModel("cox sexc*age", "terms_numeric_by_factor")
    }

    func testNumericByNumeric() throws {
        try compareModel("cox age*wt.loss", "terms_numeric_by_numeric")
    }

    func testInteractionAloneHasOneSlopePerLevel() throws {
        try compareModel("cox age:sexc", "terms_interaction_alone")
    }

    func testFactorByFactor() throws {
        try compareModel("cox a*c", "terms_factor_by_factor")
    }

    func testThreeWayInteraction() throws {
        try compareModel("cox age*sexc*wt.loss", "terms_three_way")
    }

    func testFactorOfANumericCode() throws {
        try compareModel("cox factor(ph.ecog)", "terms_factor_code")
    }

    /// R writes these with relevel() on a column of its own, so its names differ; surv names them factor(x)LEVEL.
    func testFactorWithAChosenReference() throws {
        try compareModel("cox factor(ph.ecog, ref = 2)", "terms_factor_ref_number",
                         names: ["factor(ph.ecog)0", "factor(ph.ecog)1", "factor(ph.ecog)3"])
        try compareModel("cox factor(sexc, ref = \"M\") + age", "terms_factor_ref_text", names: ["factor(sexc)F", "age"])
    }

    func testSetRefAppliesToStrataTablesAndCox() throws {
        let s = try session()
        _ = try report(s, "set ref sexc \"M\"")
        guard case .logrank(let lr) = try report(s, "stratify by sexc; logrank") else { return XCTFail() }
        XCTAssertEqual(lr.labels, strings("set_ref_logrank", "labels"))
        XCTAssertEqual(lr.test.groups.map { Double($0.n) }, numbers("set_ref_logrank", "n"))
        for (i, g) in lr.test.groups.enumerated() {
            close(g.observed, numbers("set_ref_logrank", "observed")[i], "observed \(i)")
            close(g.expected, numbers("set_ref_logrank", "expected")[i], "expected \(i)")
        }
        guard case .tabulate(let t) = try report(s, "tab sexc") else { return XCTFail() }
        XCTAssertEqual(t.rowLevels, strings("set_ref_tab", "levels"))
        XCTAssertEqual(t.counts.map { Double($0[0]) }, numbers("set_ref_tab", "counts"))
        try compareModel("cox sexc", "set_ref_cox", names: ["sexcF"], setup: "set ref sexc \"M\"")
        try compareModel("cox factor(ph.ecog) + age", "set_ref_numeric",
                         names: ["factor(ph.ecog)0", "factor(ph.ecog)1", "factor(ph.ecog)3", "age"], setup: "set ref ph.ecog 2")
    }

    func testMixedCaseLevelsInROrder() throws {
        try compareModel("cox g", "terms_mixed_case", names: strings("mixed_case_logrank", "levels").dropFirst().map { "g" + $0 })
        let s = try session()
        guard case .logrank(let lr) = try report(s, "stratify by g; logrank trend") else { return XCTFail() }
        XCTAssertEqual(lr.labels, strings("mixed_case_logrank", "levels").map { "g=" + $0 })
        for (i, g) in lr.test.groups.enumerated() {
            close(g.observed, numbers("mixed_case_logrank", "observed")[i], "observed \(i)")
            close(g.expected, numbers("mixed_case_logrank", "expected")[i], "expected \(i)")
        }
        close(lr.test.statistic.chisq, numbers("mixed_case_logrank", "chisq")[0], "chisq")
        close(lr.trend?.statistic.chisq, numbers("mixed_case_logrank", "trend_chisq")[0], "trend chisq")
    }

    func testStrataAloneFitTheNullModel() throws {
        let s = try session()
        guard case .coxNull(let null) = try report(s, "cox strata(sexc)") else { return XCTFail() }
        close(null.model.loglik, numbers("null_model", "loglik")[0], "null loglik")
        XCTAssertEqual(Double(null.model.n), numbers("null_model", "n").first)
        XCTAssertEqual(Double(null.model.events), numbers("null_model", "events").first)
    }

    func testLevelOrderIsRs() throws {
        XCTAssertEqual(LevelOrder.sorted(strings("level_order", "texts")), strings("level_order", "levels"))
        let column = Column(name: "t", texts: strings("level_order", "texts"))
        guard case .text(_, let levels) = column.data else { return XCTFail() }
        XCTAssertEqual(levels, strings("level_order", "levels"))
    }
}
