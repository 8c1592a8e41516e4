import XCTest
@testable import SurvSession

/// The session keeps the survival data it prepared for one command for the next ones. Whatever changes the
/// data, the filter, the endpoint, the strata or a reference level must drop it: a command after the change
/// prints exactly what a new session that made the same changes without the earlier commands prints.
final class PreparedDataTests: XCTestCase {
    private let analyses = ["km at 100, 300", "logrank", "followup", "rmst at 300", "cox age + strata(sex)", "phtest"]

    private func outputs(_ session: Session, _ lines: [String]) -> [String] {
        lines.flatMap { session.runAndRender(line: $0).map(\.text) }
    }

    /// Runs `setup`, the analyses, `change`, the analyses again; and in a new session `setup`, `change`, the
    /// analyses. The last analyses must print the same in both.
    private func assertChangeIsSeen(_ change: [String], setup: [String] = ["load lung", "endpoint time, status", "stratify by sex"],
                                    file: StaticString = #filePath, line: UInt = #line) {
        let kept = Session()
        _ = outputs(kept, setup + analyses)
        XCTAssertNotNil(kept.preparedSurvival, "the analyses should have prepared the data", file: file, line: line)
        for outcome in change.flatMap({ kept.runAndRender(line: $0) }) where outcome.failed {
            XCTFail("\(outcome.source): \(outcome.text)", file: file, line: line)
        }
        let afterChange = outputs(kept, analyses)
        let fresh = Session()
        _ = outputs(fresh, setup + change)
        XCTAssertEqual(afterChange, outputs(fresh, analyses), "after \(change)", file: file, line: line)
    }

    func testAFilterIsSeen() {
        assertChangeIsSeen(["where age > 60"])
        assertChangeIsSeen(["where age > 60"], setup: ["load lung", "endpoint time, status", "stratify by sex", "where ph.ecog < 2"])
    }

    func testClearingTheFilterIsSeen() {
        assertChangeIsSeen(["where all"], setup: ["load lung", "endpoint time, status", "stratify by sex", "where age > 60"])
    }

    func testNewStrataAreSeen() {
        assertChangeIsSeen(["stratify by ph.ecog"])
        assertChangeIsSeen(["stratify by sex, ph.ecog"])
        assertChangeIsSeen(["stratify none"])
    }

    func testAReferenceLevelIsSeen() {
        assertChangeIsSeen(["set ref sex 2"])
        assertChangeIsSeen(["set ref sex none"], setup: ["load lung", "endpoint time, status", "set ref sex 2", "stratify by sex"])
    }

    func testAnotherEndpointIsSeen() {
        assertChangeIsSeen(["let died = status == 2", "endpoint time, died", "endpoint days = time, status"])
        assertChangeIsSeen(["endpoint time, status"], setup: ["load lung", "endpoint time, status", "let t2 = time * 2",
                                                              "endpoint t2, status", "stratify by sex"])
    }

    func testReplacingAColumnInUseIsSeen() {
        assertChangeIsSeen(["let time = time + 30"])
        assertChangeIsSeen(["let sex = 3 - sex"])
    }

    func testAnotherDatasetIsSeen() {
        assertChangeIsSeen(["load lung", "endpoint time, status", "stratify by ph.ecog"])
        assertChangeIsSeen(["load veteran", "endpoint time, status", "stratify by trt"])
    }

    /// A Cox model on other rows (a term with missing values) must not reuse the rows of the previous one.
    func testCoxOnOtherRowsPreparesThemAgain() {
        let kept = Session()
        let setup = ["load lung", "endpoint time, status"]
        let models = ["cox age + strata(sex)", "cox age + ph.karno + strata(sex)", "phtest", "cox age", "cox age + strata(ph.ecog)", "phtest"]
        let once = outputs(kept, setup + models)
        var separately: [String] = []
        for model in models.indices where models[model] != "phtest" {
            let fresh = Session()
            _ = outputs(fresh, setup)
            separately += outputs(fresh, [models[model]] + (models.indices.contains(model + 1) && models[model + 1] == "phtest" ? ["phtest"] : []))
        }
        XCTAssertEqual(once.suffix(separately.count), separately[...])
    }
}
