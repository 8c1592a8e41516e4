import XCTest
@testable import SurvCore

final class SurvCoreSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
