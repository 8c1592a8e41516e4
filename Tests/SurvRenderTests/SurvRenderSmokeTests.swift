import XCTest
@testable import SurvRender

final class SurvRenderSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
