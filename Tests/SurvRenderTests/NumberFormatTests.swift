import XCTest
@testable import SurvRender

/// The fixed formats notebooks compare byte for byte.
final class NumberFormatTests: XCTestCase {
    func testSignificantDigits() {
        let format = NumberFormat(digits: 3)
        XCTAssertEqual(format.significant(0.098876), "0.0989")
        XCTAssertEqual(format.significant(1234.6), "1235")
        XCTAssertEqual(format.significant(0), "0")
        XCTAssertEqual(format.significant(nil), "NR")
        XCTAssertEqual(format.significant(.nan), "NA")
        XCTAssertEqual(format.significant(1e-7), "1.00e-07")
    }

    func testFixedNeverPrintsNegativeZero() {
        XCTAssertEqual(NumberFormat().fixed(-0.0001, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormat().fixed(-0.006, decimals: 2), "-0.01")
    }

    func testMeasureDropsTrailingZeros() {
        XCTAssertEqual(NumberFormat().measure(12), "12")
        XCTAssertEqual(NumberFormat().measure(12.50), "12.5")
    }

    func testPercentIsNeverRoundedUpToAHundred() {
        XCTAssertEqual(NumberFormat.percent(0.95), "95%")
        XCTAssertEqual(NumberFormat.percent(0.999), "99.9%")
        XCTAssertEqual(NumberFormat.percent(0.9999), "99.9%")
    }

    func testPValues() {
        let format = NumberFormat()
        XCTAssertEqual(format.pValue(0.0654), "0.065")
        XCTAssertEqual(format.pValue(0.00123), "0.0012")
        XCTAssertEqual(format.pValue(1e-30), "1.0e-30")
        XCTAssertEqual(format.pValue(0), "<1e-300")
        XCTAssertEqual(format.pValue(nil), "NA")
    }
}
