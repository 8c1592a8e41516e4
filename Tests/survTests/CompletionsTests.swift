import Foundation
import XCTest
import LineEditing
import SurvSession
@testable import surv

/// The REPL's completion candidates on real data, following the grammar.
final class CompletionsTests: XCTestCase {
    private func candidates(_ session: Session, _ lineWithCursor: String) -> [String] {
        let line = lineWithCursor.replacingOccurrences(of: "|", with: "")
        let cursor = lineWithCursor.distance(from: lineWithCursor.startIndex,
                                             to: lineWithCursor.firstIndex(of: "|") ?? lineWithCursor.endIndex)
        return Completions(session: session).candidates(for: CompletionRequest.at(line: line, cursor: cursor))
    }

    private func lung() -> Session {
        let session = Session()
        _ = session.run(line: "load lung")
        return session
    }

    func testStratifyByOffersColumnsOnly() {
        let options = candidates(lung(), "stratify by |")
        XCTAssertTrue(options.contains("sex"))
        XCTAssertFalse(options.contains("log"), "no functions where only a column fits")
        XCTAssertFalse(options.contains("and"))
    }

    func testEndpointOffersEventCodedColumnsAfterTheComma() {
        XCTAssertEqual(candidates(lung(), "endpoint time, |"), ["dead", "sex", "status"])
        XCTAssertEqual(candidates(lung(), "endpoint time, st|"), ["status"])
    }

    func testSetOffersSettingsThenValues() {
        XCTAssertEqual(candidates(lung(), "set |"), ["ci", "digits", "level", "plot", "profile", "ref", "ties"])
        XCTAssertEqual(candidates(lung(), "set ci |"), ["log", "loglog", "plain"])
        XCTAssertEqual(candidates(lung(), "set ref se|"), ["sex"])
        XCTAssertEqual(candidates(lung(), "set ref ph.ecog |"), ["0", "1", "2", "3", "none"])
    }

    func testFunctionsWhereAValueStartsOperatorsAfterIt() {
        XCTAssertTrue(candidates(lung(), "where lo|").contains("log"))
        XCTAssertEqual(candidates(lung(), "where age |"), ["and", "in", "not", "or"])
        XCTAssertEqual(candidates(lung(), "cox age + fa|"), ["factor"])
    }

    func testFactorOffersRefThenTheColumnsLevels() {
        XCTAssertEqual(candidates(lung(), "cox factor(ph.ecog, |"), ["ref"])
        XCTAssertEqual(candidates(lung(), "cox age + factor(ph.ecog, ref = |"), ["0", "1", "2", "3"])
        XCTAssertEqual(candidates(lung(), "cox factor(sex, ref=|"), ["1", "2"])
    }

    func testNamesThatAreNotPlainWordsAreOfferedInBackquotes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Group Name,HR (95%),t,Dead?\nA,1.5,5,yes\nB,2.5,6,no\n".write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        let session = Session(baseDirectory: folder)
        _ = session.run(line: "load \"c.csv\"")
        XCTAssertEqual(candidates(session, "tab `Gr|"), ["`Group Name`"])
        XCTAssertEqual(candidates(session, "tab `Group N|"), ["`Group Name`"])
        // Typed without the backquote, a newcomer still finds it.
        XCTAssertEqual(candidates(session, "tab Gr|"), ["`Group Name`"])
        XCTAssertEqual(candidates(session, "endpoint t, |"), ["`Dead?`"])
        XCTAssertTrue(candidates(session, "where |").contains("`HR (95%)`"))
    }
}
