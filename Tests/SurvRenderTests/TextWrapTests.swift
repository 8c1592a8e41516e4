import XCTest
@testable import SurvRender
import SurvResults

final class TextWrapTests: XCTestCase {
    func testShortLinesAreUnchanged() {
        XCTAssertEqual(TextWrap.wrap("warning: short"), "warning: short")
    }

    func testWrapsAtWordBoundariesWithinTheWidth() {
        let text = "warning: " + Array(repeating: "word", count: 30).joined(separator: " ")
        let wrapped = TextWrap.wrap(text, hanging: "         ")
        let lines = wrapped.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 })
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix("         word") })
        XCTAssertEqual(wrapped.replacingOccurrences(of: "\n         ", with: " "), text)
    }

    func testAWordLongerThanTheWidthIsKeptWhole() {
        let long = String(repeating: "x", count: 100)
        XCTAssertEqual(TextWrap.wrap("see \(long) here"), "see\n\(long)\nhere")
    }

    func testKeepsTheLinesOwnIndent() {
        let text = "  " + Array(repeating: "abc", count: 30).joined(separator: " ")
        XCTAssertTrue(TextWrap.wrap(text).split(separator: "\n").allSatisfy { $0.hasPrefix("  abc") })
    }
}
