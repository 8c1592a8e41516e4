import XCTest
@testable import LineEditing

final class DefaultHistoryPathTests: XCTestCase {
    func testHomeDirectoryByDefault() {
        XCTAssertEqual(LineEditor.defaultHistoryPath(environment: ["HOME": "/home/ana"]), "/home/ana/.surv_history")
        XCTAssertEqual(LineEditor.defaultHistoryPath(environment: ["HOME": "/home/ana/"]), "/home/ana/.surv_history")
    }

    func testEnvironmentVariableOverridesHome() {
        XCTAssertEqual(
            LineEditor.defaultHistoryPath(environment: ["HOME": "/home/ana", "SURV_HISTORY": "/tmp/h"]), "/tmp/h")
        XCTAssertEqual(LineEditor.defaultHistoryPath(environment: ["SURV_HISTORY": "rel/h"]), "rel/h")
    }

    func testTildeInOverrideIsExpanded() {
        XCTAssertEqual(
            LineEditor.defaultHistoryPath(environment: ["HOME": "/home/ana", "SURV_HISTORY": "~/hist/surv"]),
            "/home/ana/hist/surv")
    }

    func testEmptyOverrideDisablesTheFile() {
        XCTAssertNil(LineEditor.defaultHistoryPath(environment: ["HOME": "/home/ana", "SURV_HISTORY": ""]))
    }

    func testNoHomeAndNoOverrideMeansNoFile() {
        XCTAssertNil(LineEditor.defaultHistoryPath(environment: [:]))
        XCTAssertNil(LineEditor.defaultHistoryPath(environment: ["HOME": ""]))
    }
}
