import XCTest
@testable import SurvSession

final class SurvSessionSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
