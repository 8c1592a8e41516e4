import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvLanguage
import SurvRender
@testable import SurvSession

/// Every command that evaluates an expression does so on the rows it will use: a row the filter leaves out
/// can neither make it fail nor change its numbers, and a row a later filter brings back is checked where it
/// is used. One test per command taking an expression or a derived column (numbers against R are in
/// FilteredRowsAgainstRTests).
final class FilterScopeTests: XCTestCase {
    func outcome(_ s: Session, _ line: String) -> Result<Report, Diagnostic>? { s.run(line: line).last?.result }

    func error(_ s: Session, _ line: String) -> Diagnostic? {
        if case .failure(let d)? = outcome(s, line) { return d }
        return nil
    }

    func message(_ s: Session, _ line: String) -> String? {
        if case .success(.message(let text))? = outcome(s, line) { return text }
        return nil
    }

    func lung(_ setup: String) -> Session {
        let s = Session()
        for outcome in s.run(line: "load lung; " + setup) {
            if case .failure(let d) = outcome.result { XCTFail("setup: \(d.message)") }
        }
        return s
    }

    // MARK: where

    func testWhereEvaluatesItsConditionOnTheKeptRowsOnly() {
        let s = lung("where ph.karno > 50")
        XCTAssertNil(error(s, "where log(ph.karno - 50) > 3"))
        // Without the first filter the same condition meets ph.karno = 50 and says so.
        let unfiltered = lung("")
        XCTAssertEqual(error(unfiltered, "where log(ph.karno - 50) > 3")?.message.hasPrefix("log() of 0 in row"), true)
    }

    // MARK: let

    func testLetIsCheckedOnTheKeptRowsAndMissingWhereTheFilterLeavesItUndefined() {
        let s = lung("where ph.karno > 50")
        let text = message(s, "let lk = log(ph.karno - 50)")
        XCTAssertEqual(text, "added numeric column lk\nmissing in 6 rows the filter leaves out, where it cannot be computed")
        // A kept row still makes it fail, naming the row.
        let before = s.stateReport
        XCTAssertEqual(error(s, "let bad = log(ph.karno - 60)")?.message.hasPrefix("log() of 0 in row"), true)
        XCTAssertEqual(s.stateReport, before)
        XCTAssertFalse(s.checkContext.columns.contains { $0.name == "bad" })
        // Brought back by clearing the filter, those rows are missing and counted as such.
        _ = s.run(line: "where all; endpoint time, status")
        guard case .success(.cox(let cox))? = outcome(s, "cox lk") else { return XCTFail("cox lk failed") }
        XCTAssertEqual(cox.rows.droppedMissing, 7, "6 undefined rows and the one with ph.karno missing")
    }

    func testIfEvaluatesABranchOnlyWhereItIsTaken() {
        let s = Session()
        _ = s.run(line: "load aml")
        XCTAssertEqual(message(s, "let y = if(time > 10, log(time - 10), 0)"), "added numeric column y")
        XCTAssertEqual(message(s, "let r = if(time == 5, 0, 1 / (time - 5))"), "added numeric column r")
        XCTAssertEqual(error(s, "let z = if(time > 4, log(time - 10), 0)")?.message.hasPrefix("log() of"), true)
    }

    // MARK: endpoint

    func testEndpointIsValidatedOnTheKeptRowsAndAgainWhereItIsUsed() {
        let s = lung("where time >= 90; let tl = time - 90")
        XCTAssertEqual(message(s, "endpoint tl, status"), "endpoint Surv(tl, status): 201 rows kept with an outcome, 138 events")
        guard case .success(.kaplanMeier)? = outcome(s, "km") else { return XCTFail("km on the landmark rows") }
        // Clearing the filter brings back rows with negative times: every analysis refuses them, naming one.
        _ = s.run(line: "where all")
        for command in ["km", "logrank", "cox age", "followup"] {
            if command == "logrank" { _ = s.run(line: "stratify by sex") }
            let d = error(s, command)
            XCTAssertEqual(d?.message, "the time column 'tl' has a negative value (-19) in row 14", command)
            XCTAssertEqual(d?.hint, "times must be ≥ 0; leave such rows out first, e.g. where tl >= 0", command)
            _ = s.run(line: "stratify none")
        }
        _ = s.run(line: "where tl >= 0")
        guard case .success(.kaplanMeier)? = outcome(s, "km") else { return XCTFail("km after filtering again") }
    }

    func testReplacingAnEndpointColumnIsCheckedOnTheKeptRows() {
        let s = lung("where time >= 90; let tl = time - 90; endpoint tl, status")
        XCTAssertNil(error(s, "let tl = time - 80"), "negative only on rows the filter leaves out")
        let before = s.stateReport
        XCTAssertNotNil(error(s, "let tl = time - 100"), "negative on kept rows")
        XCTAssertEqual(s.stateReport, before)
    }

    // MARK: cox

    func testCoxTermsAreEvaluatedOnTheKeptRows() {
        let s = lung("endpoint time, status; where ph.karno > 50")
        guard case .success(.cox(let cox))? = outcome(s, "cox log(ph.karno - 50) + age") else { return XCTFail("cox failed") }
        XCTAssertEqual(cox.fit.n, 221)
        XCTAssertEqual(cox.rows.kept, 221)
        XCTAssertEqual(cox.rows.droppedMissing, 0)
        XCTAssertEqual(error(s, "cox log(ph.karno - 60)")?.message.hasPrefix("log() of 0 in row"), true, "a kept row still fails")
    }
}
