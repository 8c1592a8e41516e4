import XCTest
import SurvLanguage
@testable import SurvSession

/// `set ref` with a level the column does not have lists the ones it has, a near miss first.
final class ReferenceLevelHintTests: XCTestCase {
    private func hint(_ lines: String...) -> String? {
        let session = Session()
        var last: Diagnostic?
        for line in lines {
            for outcome in session.run(line: line) { if case .failure(let d) = outcome.result { last = d } }
        }
        return last?.hint
    }

    func testAMissingLevelListsTheColumnsLevelsNearMissFirst() {
        XCTAssertEqual(hint("load pbc", "set ref sex \"F\""), "did you mean \"f\"? its values are: \"f\", \"m\"")
        XCTAssertEqual(hint("load lung", "set ref ph.ecog 7"), "its values are: 0, 1, 2, 3")
    }
}
