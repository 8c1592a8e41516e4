import XCTest
@testable import SurvData

final class SurvDataSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
