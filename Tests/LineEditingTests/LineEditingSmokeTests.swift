import XCTest
@testable import LineEditing

final class LineEditingSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
