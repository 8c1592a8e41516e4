import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvRender
@testable import SurvSession

/// Whole analyses typed as commands, compared with R survival on the same data (Reference/session.R).
/// These check what the session adds to the core: row filtering, missing-value handling, derived
/// columns, factor coding, strata and settings.
final class SessionAgainstRTests: SessionReferenceTestCase {
    func lungSession() throws -> Session {
        let s = Session()
        _ = try report(s, "load lung; endpoint time, status")
        return s
    }

    func testKaplanMeierWithLogLogAt90Percent() throws {
        let s = try lungSession()
        guard case .kaplanMeier(let km) = try report(s, "set ci loglog; set level 0.9; stratify by sex; km at 180, 365") else { return XCTFail() }
        let points = km.strata.flatMap { $0.at }.compactMap { $0 }
        XCTAssertEqual(points.count, 4)
        for (i, p) in points.enumerated() {
            close(p.surv, numbers("km", "surv")[i], "surv \(i)")
            close(p.stdErr, numbers("km", "std_err")[i], "std err \(i)")
            close(p.lower, numbers("km", "lower")[i], "lower \(i)")
            close(p.upper, numbers("km", "upper")[i], "upper \(i)")
            close(p.nRisk, numbers("km", "n_risk")[i], "n at risk \(i)")
        }
        for (i, stratum) in km.strata.enumerated() {
            close(stratum.curve.median.estimate, numbers("km", "median")[i], "median \(i)")
            close(stratum.curve.median.lower, numbers("km", "median_lower")[i], "median lower \(i)")
            close(stratum.curve.median.upper, numbers("km", "median_upper")[i], "median upper \(i)")
        }
        XCTAssertEqual(km.conventions.profile, "custom")
    }

    func testLogrankAfterFilterDropsMissingRows() throws {
        let s = try lungSession()
        guard case .logrank(let lr) = try report(s, "where age > 50; stratify by ph.ecog; logrank") else { return XCTFail() }
        close(lr.test.statistic.chisq, numbers("logrank", "chisq")[0], "chisq")
        XCTAssertEqual(lr.test.groups.map { Double($0.n) }, numbers("logrank", "n"))
        for (i, g) in lr.test.groups.enumerated() {
            close(g.observed, numbers("logrank", "observed")[i], "observed \(i)")
            close(g.expected, numbers("logrank", "expected")[i], "expected \(i)")
        }
        XCTAssertEqual(lr.rows.droppedMissing, 1)
    }

    func testPetoPetoTest() throws {
        let s = try lungSession()
        guard case .logrank(let lr) = try report(s, "stratify by sex; logrank rho 1") else { return XCTFail() }
        XCTAssertEqual(lr.test.rho, 1)
        close(lr.test.statistic.chisq, numbers("logrank_rho1", "chisq")[0], "chisq")
        for (i, g) in lr.test.groups.enumerated() {
            close(g.observed, numbers("logrank_rho1", "observed")[i], "weighted observed \(i)")
            close(g.expected, numbers("logrank_rho1", "expected")[i], "weighted expected \(i)")
        }
    }

    func testCoxWithDerivedFactorBothTies() throws {
        for ties in ["efron", "breslow"] {
            let s = try lungSession()
            let setup = "let sexc = if(sex == 1, \"male\", \"female\"); let ecog = cut(ph.ecog, 1, 2, 3); set ties \(ties)"
            _ = try report(s, setup)
            guard case .cox(let cox) = try report(s, "cox age + sexc + ecog") else { return XCTFail() }
            let section = "cox_\(ties)"
            let f = cox.fit
            XCTAssertEqual(f.coefficients.map(\.name), ["age", "sexcmale", "ecog[1, 2)", "ecog[2, 3)", "ecog[3, Inf)"])
            for (i, c) in f.coefficients.enumerated() {
                close(c.coef, numbers(section, "coef")[i], "\(ties) coef \(c.name)")
                close(c.se, numbers(section, "se")[i], "\(ties) se \(c.name)")
                close(c.hrLower, numbers(section, "hr_lower")[i], "\(ties) lower \(c.name)")
                close(c.hrUpper, numbers(section, "hr_upper")[i], "\(ties) upper \(c.name)")
            }
            close(f.loglikNull, numbers(section, "loglik")[0], "loglik null")
            close(f.loglik, numbers(section, "loglik")[1], "loglik")
            close(f.lrTest.chisq, numbers(section, "lr")[0], "LR")
            close(f.waldTest.chisq, numbers(section, "wald")[0], "Wald")
            close(f.scoreTest.chisq, numbers(section, "score")[0], "score")
            close(f.concordance, numbers(section, "concordance")[0], "concordance")
            XCTAssertEqual(Double(f.n), numbers(section, "n")[0])
            XCTAssertEqual(Double(f.events), numbers(section, "events")[0])
            XCTAssertEqual(cox.rows.droppedMissing, 1)
        }
    }

    func testCoxWithExpressionAndStrata() throws {
        let s = try lungSession()
        guard case .cox(let cox) = try report(s, "let sexc = if(sex == 1, \"male\", \"female\"); cox log(age) + strata(sexc)") else { return XCTFail() }
        XCTAssertEqual(cox.fit.coefficients.map(\.name), ["log(age)"])
        close(cox.fit.coefficients.first?.coef, numbers("cox_strata", "coef")[0], "coef")
        close(cox.fit.coefficients.first?.se, numbers("cox_strata", "se")[0], "se")
        XCTAssertEqual(cox.strataColumns, ["sexc"])
    }

    func testFollowupByReverseKaplanMeier() throws {
        let s = try lungSession()
        guard case .followup(let f) = try report(s, "followup") else { return XCTFail() }
        close(f.strata.first?.median.estimate, numbers("followup", "median")[0], "median")
        close(f.strata.first?.median.lower, numbers("followup", "lower")[0], "lower")
        close(f.strata.first?.median.upper, numbers("followup", "upper")[0], "upper")
    }

    func testFisherOnFilteredRows() throws {
        let s = try lungSession()
        guard case .fisher(let r) = try report(s, "let sexc = if(sex == 1, \"male\", \"female\"); where age >= 70; fisher sexc by dead") else { return XCTFail() }
        close(r.result.p, numbers("fisher", "p")[0], "p")
        close(r.result.oddsRatio, numbers("fisher", "odds_ratio")[0], "odds ratio")
        close(r.result.oddsRatioLower, numbers("fisher", "lower")[0], "lower")
        close(r.result.oddsRatioUpper, numbers("fisher", "upper")[0], "upper")
    }

    func testStataProfileSetsBothConventions() throws {
        let s = try lungSession()
        _ = try report(s, "set profile stata")
        XCTAssertEqual(s.settings.transform, .logLog)
        XCTAssertEqual(s.settings.ties, .breslow)
        guard case .cox(let cox) = try report(s, "cox age") else { return XCTFail() }
        XCTAssertEqual(cox.fit.ties, .breslow)
        XCTAssertEqual(cox.conventions.profile, "stata")
    }
}
