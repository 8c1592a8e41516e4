import Foundation
import SurvRender
import SurvResults
import XCTest
@testable import SurvSession

/// `expect` computes the named quantity as its command would and compares it with the published value.
final class ExpectTests: XCTestCase {
    func check(_ session: Session, _ line: String) throws -> ExpectReport {
        guard case .success(.expect(let r))? = session.run(line: line).last?.result else {
            throw XCTSkip("\(line) did not give a check")
        }
        return r
    }

    func session() -> Session {
        let s = Session()
        _ = s.run(line: "load aml; endpoint time, status; stratify by x; cox x")
        return s
    }

    func testEachQuantityIsTheNumberItsCommandPrints() throws {
        let s = session()
        guard case .kaplanMeier(let km)? = try? s.kaplanMeier(times: [12], fullTable: false) else { return XCTFail() }
        XCTAssertEqual(try check(s, "expect km at 12 \"x=Maintained\" = 0.91 ± 0.01").actual, km.strata[0].at[0]?.surv)
        XCTAssertEqual(try check(s, "expect km at 12 \"Nonmaintained\" = 0.58 ± 0.01").actual, km.strata[1].at[0]?.surv)
        XCTAssertEqual(try check(s, "expect km median \"Maintained\" lower = 18").actual, km.strata[0].median.lower)
        XCTAssertEqual(try check(s, "expect km at 12 \"Maintained\" lower = 0.754").actual, km.strata[0].at[0]?.lower)
        XCTAssertEqual(try check(s, "expect km at 12 \"Nonmaintained\" upper = 0.941").actual, km.strata[1].at[0]?.upper)
        let cohort = Session()
        _ = cohort.run(line: "load graall; set profile stata; stratify by cohort")
        guard case .followup(let fu)? = try? cohort.followup() else { return XCTFail() }
        XCTAssertEqual(try check(cohort, "expect followup median \"mrd\" = 0").actual, fu.strata[0].median.estimate)
        XCTAssertEqual(try check(cohort, "expect followup median \"relapse\" lower = 0").actual, fu.strata[1].median.lower)
        XCTAssertEqual(try check(cohort, "expect followup median \"relapse\" upper = 0").actual, fu.strata[1].median.upper)
        XCTAssertNotEqual(fu.strata[1].median.lower, fu.strata[1].median.upper, "each limit is its own")
        guard case .logrank(let lr)? = try? s.logrank(trend: false, rho: 0) else { return XCTFail() }
        XCTAssertEqual(try check(s, "expect logrank p = 0.065").actual, lr.test.statistic.p)
        XCTAssertEqual(try check(s, "expect logrank chisq = 3.4").actual, lr.test.statistic.chisq)
        let hr = try XCTUnwrap(s.lastCox?.fit.coefficients.first)
        XCTAssertEqual(try check(s, "expect cox hr xNonmaintained upper = 6.81").actual, hr.hrUpper)
        XCTAssertEqual(try check(s, "expect cox p xNonmaintained = 0.074").actual, hr.p)
        XCTAssertEqual(try check(s, "expect n = 23").actual, 23)
        XCTAssertEqual(try check(s, "expect events \"Maintained\" = 7").actual, 7)
    }

    func testTheToleranceIsWrittenOrThePublishedRounding() throws {
        let s = session()
        // p = 0.0653: published as 0.065 it holds (± 0.0005); as 0.066 it does not.
        XCTAssertTrue(try check(s, "expect logrank p = 0.065").passed)
        XCTAssertFalse(try check(s, "expect logrank p = 0.066").passed)
        XCTAssertEqual(try check(s, "expect logrank p = 0.066").tolerance, 0.0005, accuracy: 1e-15)
        XCTAssertTrue(try check(s, "expect logrank p = 0.07 +- 0.005").passed)
        XCTAssertTrue(try check(s, "expect logrank p = 0.07 ± 0.005").passed)
        XCTAssertFalse(try check(s, "expect logrank p = 0.04 ± 0.01").passed)
    }

    func testAFailedCheckPrintsBothNumbers() throws {
        let r = try check(session(), "expect logrank p = 0.04 ± 0.01")
        XCTAssertEqual(TextRenderer().render(.expect(r)), "expect logrank p: paper 0.04 · here 0.0653 ✗ outside ± 0.01")
        XCTAssertTrue(Report.expect(r).isFailedCheck)
    }

    func testMistakesAreNamed() {
        let s = session()
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d.message
        }
        XCTAssertEqual(message("expect km at 12 = 0.9"), "there are 2 strata: name the one to check")
        XCTAssertEqual(message("expect km at 12 \"Other\" = 0.9"), "no stratum is called \"Other\"")
        XCTAssertEqual(message("expect cox hr age = 1"), "the last Cox model (cox x) has no coefficient 'age'")
        XCTAssertEqual(message("expect km at 200 \"Nonmaintained\" = 0"), "x=Nonmaintained has no survival at 200: it is beyond its follow-up")
        let lung = Session()
        _ = lung.run(line: "load lung; endpoint time, status; stratify by sex")
        guard case .failure(let na)? = lung.run(line: "expect followup median \"2\" upper = 900").last?.result else { return XCTFail() }
        XCTAssertEqual(na.message, "the median follow-up of sex=2 has no upper limit: it is undefined (NA: the confidence band ends where the curve reaches 0)")
        XCTAssertEqual(message("expect km median \"Maintained\" upper = 50"), "the median of x=Maintained has no upper limit: it is not reached")
        XCTAssertEqual(message("expect logrank p 0.05"), "expected '=' and the published value, found the number 0.05")
        XCTAssertEqual(message("expect kmm at 12 = 1"), "'kmm' is not something expect checks")
    }
}
