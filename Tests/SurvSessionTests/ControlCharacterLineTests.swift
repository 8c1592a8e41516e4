import XCTest
import SurvLanguage
@testable import SurvSession

/// A line holding a control character is refused, named by its escape, and kept out of the transcript.
final class ControlCharacterLineTests: XCTestCase {
    func testControlCharactersAreRefusedAndNamedByTheirEscape() {
        for (line, shown) in [("load aml\nkm", "\\x0a"), ("# hi\r```surv", "\\x0d"), ("title \"a\u{1b}[2Jb\"", "\\x1b"), ("km\u{202e}", "\\u{202e}")] {
            let session = Session()
            let outcomes = session.run(line: line)
            XCTAssertEqual(outcomes.count, 1)
            guard case .failure(let diagnostic)? = outcomes.first?.result else { return XCTFail("\(line) was not refused") }
            XCTAssertTrue(diagnostic.message.contains("the line holds a control character (\(shown))"), diagnostic.message)
            XCTAssertEqual(session.transcript, [], "a refused line is no cell and no prose")
        }
        XCTAssertFalse(Session().run(line: "load aml\t# a tab is text").contains { if case .failure = $0.result { true } else { false } })
    }
}
