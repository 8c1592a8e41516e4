import XCTest
@testable import SurvLanguage

final class SurvLanguageSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
