import XCTest
@testable import SurvData

final class DecimalParserTests: XCTestCase {
    private func parse(_ text: String) -> DecimalParseResult {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    }

    /// Random strings in the accepted grammar, short and long mantissas, tiny and huge exponents:
    /// the parser must give exactly the bits of `Double(String)`.
    func testAgreesWithDoubleFromStringOnRandomDecimals() {
        var rng = SystemRandomNumberGenerator()
        var fastPathSized = 0
        for _ in 0..<200_000 {
            var text = ""
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: text += "-"
            case 1: text += "+"
            default: break
            }
            func digits(_ count: Int) -> String {
                String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            }
            let integerDigits = Int.random(in: 0...(Bool.random(using: &rng) ? 6 : 25), using: &rng)
            let fractionDigits = Int.random(in: 0...(Bool.random(using: &rng) ? 6 : 25), using: &rng)
            text += digits(integerDigits)
            if fractionDigits > 0 || Bool.random(using: &rng) { text += "." + digits(fractionDigits) }
            if integerDigits + fractionDigits == 0 { text += "7" }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                text += Bool.random(using: &rng) ? "e" : "E"
                if Bool.random(using: &rng) { text += Bool.random(using: &rng) ? "-" : "+" }
                text += String(Int.random(in: 0...(Bool.random(using: &rng) ? 30 : 400), using: &rng))
            }
            if integerDigits + fractionDigits <= 15 { fastPathSized += 1 }
            guard let expected = Double(text) else {
                XCTFail("Double(String) rejects generated \(text)")
                continue
            }
            let actual = parse(text)
            if expected.isFinite {
                guard case .value(let value) = actual, value.bitPattern == expected.bitPattern else {
                    XCTFail("\(text): got \(actual), Double(String) gives \(expected)")
                    return
                }
            } else {
                XCTAssertEqual(actual, .outOfRange, text)
            }
        }
        XCTAssertGreaterThan(fastPathSized, 50_000)
    }

    /// The spelling Swift prints for a double (up to 17 significant digits) reads back to the same bits.
    func testShortestSpellingsRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng) & 0xFFEF_FFFF_FFFF_FFFF)
            let result = parse("\(value)")
            guard case .value(let read) = result, read.bitPattern == value.bitPattern else {
                return XCTFail("\(value) read back as \(result)")
            }
        }
    }

    func testBoundaries() {
        XCTAssertEqual(parse("9007199254740993"), .value(9_007_199_254_740_992))  // 2^53 + 1 rounds to even
        XCTAssertEqual(parse("1e22"), .value(1e22))
        XCTAssertEqual(parse("1e23"), .value(1e23))
        XCTAssertEqual(parse("1.7976931348623157e308"), .value(.greatestFiniteMagnitude))
        XCTAssertEqual(parse("4.9e-324"), .value(.leastNonzeroMagnitude))
        XCTAssertEqual(parse("1e-400"), .value(0))
        XCTAssertEqual(parse("0.000000000000000000000000000001"), .value(1e-30))
        XCTAssertEqual(parse("00000000000000000000000000001.5"), .value(1.5))
        XCTAssertEqual(parse("1e400"), .outOfRange)
        XCTAssertEqual(parse("-1e400"), .outOfRange)
        XCTAssertEqual(parse("1.8e308"), .outOfRange)
        XCTAssertEqual(parse("1e99999999999999999999"), .outOfRange)
        XCTAssertEqual(parse("1e-99999999999999999999"), .value(0))
        guard case .value(let negativeZero) = parse("-0.0") else { return XCTFail() }
        XCTAssertEqual(negativeZero.sign, .minus)
    }

    func testRejectsWhatIsNotADecimalNumber() {
        for text in ["", "+", "-", ".", "+.", "e5", "1e", "1e+", "1.2.3", "inf", "Inf", "nan", "NaN", "infinity",
                     "0x10", "1,5", "1 2", " 1", "1 ", "--1", "+-1", "1e5.5", "1d5", "١٢", "1_000", "½"] {
            XCTAssertEqual(parse(text), .notANumber, text)
        }
    }
}
