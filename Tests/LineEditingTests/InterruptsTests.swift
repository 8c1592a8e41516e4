#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest
@testable import LineEditing

final class InterruptsTests: XCTestCase {
    func testSigintSetsTheFlagAndDoesNotEndTheProcess() {
        XCTAssertTrue(Interrupts.install())
        XCTAssertTrue(Interrupts.install(), "installing twice is harmless")
        Interrupts.clear()
        XCTAssertFalse(Interrupts.requested)
        XCTAssertEqual(raise(SIGINT), 0)
        XCTAssertTrue(Interrupts.requested)
        XCTAssertTrue(Interrupts.requested, "reading the flag does not consume it")
        Interrupts.clear()
        XCTAssertFalse(Interrupts.requested)
    }
}
