import Foundation
import XCTest
import SurvLanguage
@testable import SurvSession

/// Columns whose names need backquotes, and the hints a `where` that keeps no rows or a refused Fisher test gives.
final class NamesAndHintsTests: XCTestCase {
    func failure(_ session: Session, _ line: String) -> Diagnostic? {
        for outcome in session.run(line: line) { if case .failure(let d) = outcome.result { return d } }
        return nil
    }

    func run(_ session: Session, _ lines: [String]) {
        for line in lines { if let d = failure(session, line) { XCTFail("'\(line)': \(d.message)") } }
    }

    func testCSVHeaderWithSpacesAndPunctuationWorksInBackquotes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "Group Name,HR (95%),t,ev,a`b\nA,1,5,1,x\nB,2,6,0,y\nA,3,7,1,x\nB,4,8,1,y\nA,5,9,0,x\nB,6,3,1,y\n"
        try csv.write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        let session = Session(baseDirectory: folder)
        run(session, ["load \"c.csv\"", "endpoint t, ev", "tab `Group Name` by `a``b`", "describe `HR (95%)`",
                      "let `HR x2` = `HR (95%)` * 2", "stratify by `Group Name`", "km", "logrank", "cox `HR (95%)`",
                      "set ref `Group Name` \"B\"", "where `HR x2` > 2"])
        XCTAssertEqual(session.strata, ["Group Name"])
        XCTAssertNotNil(session.table?.column(named: "HR x2"), "the new column has the name as written, without backquotes")
        XCTAssertEqual(session.stateReport.kept, 5)
        let d = failure(session, "tab Group")
        XCTAssertEqual(d?.hint, "did you mean '`Group Name`'?")
        XCTAssertEqual(d?.range?.start, 4)
    }

    func testWhereThatKeepsNoRowsListsTheLevelsNearMissesFirst() {
        let session = Session()
        run(session, ["load aml"])
        let d = failure(session, "where x == \"nonmaintained\"")
        XCTAssertEqual(d?.message, "this condition keeps no rows, so the filter was not applied")
        XCTAssertEqual(d?.hint, "did you mean \"Nonmaintained\"? 'x' has no value \"nonmaintained\"; its values are: \"Nonmaintained\", \"Maintained\"")
        XCTAssertNotNil(d?.range)
        XCTAssertEqual(failure(session, "where time > 1 and x in (\"zz\")")?.hint,
                       "'x' has no value \"zz\"; its values are: \"Maintained\", \"Nonmaintained\"")
        XCTAssertEqual(failure(session, "where time > 1000")?.hint, "'show' prints the current filter", "no compared value to blame")
        XCTAssertEqual(session.stateReport.kept, 23)
        run(session, ["load lung"])
        XCTAssertEqual(failure(session, "where sex == 3")?.hint, "'sex' has no value 3; its values are: 1, 2")
    }

    func testCurlyQuotesFromSlidesWork() {
        let session = Session()
        run(session, ["load aml", "where x == “Maintained”"])
        XCTAssertEqual(session.stateReport.kept, 11)
    }

    func testFisherRefusalNamesTheChiSquareCommand() {
        let core = Diagnostic("the table is too large for an exact Fisher test", hint: "merge sparse levels into fewer categories, or use a chi-square test")
        XCTAssertEqual(Session.fisherRefusal(core, "Group Name", by: "status").hint,
                       "use the chi-square test instead: chisq `Group Name` by status, or merge sparse levels into fewer categories")
        let other = Diagnostic("something else", hint: "a hint")
        XCTAssertEqual(Session.fisherRefusal(other, "a", by: "b"), other)
        XCTAssertNotNil(CommandCatalog.entry(named: "chisq"), "the suggested command exists")
    }

    func testKmByPointsAtStratify() {
        let session = Session()
        run(session, ["load aml", "endpoint time, status"])
        let d = failure(session, "km by x")
        XCTAssertEqual(d?.hint, "use 'stratify by x', then 'km'")
        XCTAssertEqual(d?.range, SourceRange(start: 3, end: 7))
        XCTAssertEqual(failure(session, "km at 12 24")?.hint, "separate times with commas: km at 12, 24")
        XCTAssertEqual(failure(session, "km at 12 24")?.range, SourceRange(start: 9, end: 11))
    }

    func testHelpExplainsBackquotesForeignWordsAndQuit() {
        let help = HelpText.text(for: nil)
        XCTAssertTrue(help.contains("`Group Name`"))
        XCTAssertTrue(help.contains("stset"))
        XCTAssertTrue(help.contains("quit"))
    }
}
