import Foundation
import XCTest
import SurvRender
@testable import SurvSession

/// How numbers and tables are laid out in the text a session prints (docs/language.md, "How numbers are printed").
final class NumberLayoutTests: XCTestCase {
    func text(_ lines: String...) -> String {
        let s = Session(baseDirectory: FileManager.default.temporaryDirectory)
        var last = ""
        for line in lines {
            _ = s.run(line: line, afterEach: { outcome in
                if case .success(let report) = outcome.result { last = TextRenderer(digits: s.settings.digits).render(report) }
            })
        }
        return last
    }

    func testWideKaplanMeierHasOneRowPerStratumAndOneColumnPerTime() {
        let out = text("load aml", "endpoint time, status", "stratify by x", "km at 12, 24 wide")
        XCTAssertTrue(out.contains("survival (95% CI)              time 12              time 24"), out)
        XCTAssertTrue(out.contains("x=Maintained       0.909 (0.754–1.000)  0.614 (0.377–0.999)"), out)
        XCTAssertTrue(out.contains("x=Nonmaintained    0.583 (0.362–0.941)  0.486 (0.268–0.883)"), out)
    }

    /// For rho ≠ 0 "observed" is a weighted sum, an estimate: printed with `set digits`, not as data.
    func testWeightedObservedCountsAreEstimates() {
        let out = text("load veteran", "endpoint time, status", "stratify by celltype", "logrank rho 1")
        XCTAssertTrue(out.contains("celltype=adeno      27      16.1      10.8      2.56"), out)
        let counts = text("load veteran", "endpoint time, status", "stratify by celltype", "logrank")
        XCTAssertTrue(counts.contains("celltype=adeno      27        26"), counts)
    }

    /// A time past a stratum's follow-up keeps the table's columns aligned: a dash in each, and a footnote.
    func testTimesBeyondFollowUpKeepTheColumnsAligned() {
        let out = text("load aml", "endpoint time, status", "stratify by x", "km at 45, 161")
        XCTAssertTrue(out.contains("x=Nonmaintained   161        –         –        –            –"), out)
        XCTAssertTrue(out.contains("– = beyond the stratum's follow-up"), out)
    }

    func testASurvivalLimitThatDoesNotExistIsNANotNR() {
        let out = text("load aml", "endpoint time, status", "where x == \"Nonmaintained\"", "km at 45")
        XCTAssertTrue(out.contains("0.000       NA   NA–NA"), out)
        XCTAssertFalse(out.contains("NR–NR"), out)
    }

    /// A median's limit read off a band that ends where the curve reaches 0 is undefined (R: NA), not
    /// "not reached"; one that the band never crosses while it exists stays NR.
    func testAnUndefinedMedianLimitIsNAAndSaysWhy() {
        let nonmaintained = text("load aml", "endpoint time, status", "where x == \"Nonmaintained\"", "km")
        XCTAssertTrue(nonmaintained.contains("all  12      11      23    8–NA"), nonmaintained)
        XCTAssertTrue(nonmaintained.contains("NA = undefined: the confidence band ends where the curve reaches 0."), nonmaintained)
        let followup = text("load aml", "endpoint time, status", "followup")
        XCTAssertTrue(followup.contains("161   45–NA"), followup)
        let maintained = text("load aml", "endpoint time, status", "where x == \"Maintained\"", "km")
        XCTAssertTrue(maintained.contains("31   18–NR"), maintained)
        XCTAssertFalse(maintained.contains("NA ="), maintained)
    }

    func testSetDigitsReachesKaplanMeier() {
        let out = text("load aml", "endpoint time, status", "set digits 4", "km at 12")
        XCTAssertTrue(out.contains("0.7391  0.09156  0.5798–0.9422"), out)
    }

    func testShowStartsWithItsFirstRow() {
        XCTAssertTrue(text("load aml", "show").hasPrefix("dataset    aml (23 rows)"))
    }

    func testOneEventIsSingular() {
        let out = text("load aml", "where time == 13", "endpoint time, status")
        XCTAssertEqual(out, "endpoint Surv(time, status): 2 rows kept with an outcome, 1 event")
    }
}
