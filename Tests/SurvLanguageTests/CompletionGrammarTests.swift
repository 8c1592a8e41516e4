import XCTest
@testable import SurvLanguage

/// Tab completion follows the grammar: what may come next after the text before the cursor.
final class CompletionGrammarTests: XCTestCase {
    func slot(_ before: String) -> CompletionSlot { CompletionGrammar.slot(before: before) }

    func testStartOfACommandOffersCommands() {
        XCTAssertEqual(slot(""), .command)
        XCTAssertEqual(slot("load aml; "), .command)
        XCTAssertEqual(slot("help "), .command)
    }

    func testStratifyByOffersOnlyColumns() {
        XCTAssertEqual(slot("stratify "), .words(["by", "none"]))
        XCTAssertEqual(slot("stratify by "), .column(.any))
        XCTAssertEqual(slot("stratify by sex, "), .column(.any))
        XCTAssertEqual(slot("stratify by sex "), .nothing)
    }

    func testEndpointOffersEventColumnsAfterTheComma() {
        XCTAssertEqual(slot("endpoint "), .endpointOrColumn)
        XCTAssertEqual(slot("endpoint time, "), .column(.event))
        XCTAssertEqual(slot("endpoint os = "), .column(.numeric))
        XCTAssertEqual(slot("endpoint os = time, "), .column(.event))
        XCTAssertEqual(slot("endpoint `t 1`, "), .column(.event))
    }

    func testSetOffersSettingsThenTheirValues() {
        XCTAssertEqual(slot("set "), .words(["ci", "ties", "level", "digits", "profile", "ref", "plot"]))
        XCTAssertEqual(slot("set plot "), .words(["width", "ascii", "unicode"]))
        XCTAssertEqual(slot("set ci "), .words(["log", "loglog", "plain"]))
        XCTAssertEqual(slot("set ties "), .words(["efron", "breslow"]))
        XCTAssertEqual(slot("set profile "), .words(["r", "stata"]))
        XCTAssertEqual(slot("set level "), .nothing)
        XCTAssertEqual(slot("set ref "), .column(.any))
        XCTAssertEqual(slot("set ref sex "), .levels(column: "sex", extra: ["none"]))
    }

    func testFunctionsOnlyWhereAValueCanStart() {
        XCTAssertEqual(slot("where "), .expressionStart(extra: ["all"]))
        XCTAssertEqual(slot("where age > "), .expressionStart(extra: []))
        XCTAssertEqual(slot("where log("), .expressionStart(extra: []))
        XCTAssertEqual(slot("where age > 60 and "), .expressionStart(extra: []))
        XCTAssertEqual(slot("where age "), .afterOperand)
        XCTAssertEqual(slot("where `Group Name` "), .afterOperand)
        XCTAssertEqual(slot("where (age + 1) "), .afterOperand)
        XCTAssertEqual(slot("let y = "), .expressionStart(extra: []))
        XCTAssertEqual(slot("let "), .nothing, "a new name")
        XCTAssertEqual(slot("cox "), .expressionStart(extra: ["factor", "strata", "I"]))
        XCTAssertEqual(slot("cox age + "), .expressionStart(extra: ["factor", "strata", "I"]))
        XCTAssertEqual(slot("cox age "), .nothing)
    }

    func testTwoColumnCommands() {
        XCTAssertEqual(slot("tab "), .column(.any))
        XCTAssertEqual(slot("tab sex "), .words(["by"]))
        XCTAssertEqual(slot("fisher sex by "), .column(.any))
        XCTAssertEqual(slot("chisq sex by status "), .words(["correct", "nocorrect"]))
        XCTAssertEqual(slot("wilcoxon "), .column(.numeric))
        XCTAssertEqual(slot("km "), .words(["at", "quantile", "table"]))
        XCTAssertEqual(slot("km at "), .nothing)
    }

    func testUnlexableTextOffersNothing() {
        XCTAssertEqual(slot("where x == ‘"), .nothing)
        XCTAssertEqual(slot("`km` "), .nothing)
    }
}
