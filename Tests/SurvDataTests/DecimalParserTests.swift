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

final class PowersOfTenTests: XCTestCase {
    /// Spot checks of the computed table against values derived independently: 10^0, 10^1 and 10^27
    /// are exact in 128 bits; 10^-1 = 0.CCCC…₁₆ × 2^-3.
    func testTableEntries() {
        func entry(_ exponent: Int) -> PowersOfTen.Entry { PowersOfTen.table[exponent - EiselLemire.minimumExponent] }
        XCTAssertEqual(PowersOfTen.table.count, 696)
        XCTAssertEqual(entry(0).high, 0x8000_0000_0000_0000)
        XCTAssertEqual(entry(0).low, 0)
        XCTAssertEqual(entry(1).high, 0xA000_0000_0000_0000)
        XCTAssertEqual(entry(-1).high, 0xCCCC_CCCC_CCCC_CCCC)
        XCTAssertEqual(entry(-1).low, 0xCCCC_CCCC_CCCC_CCCC)
        // 10^27 = 10^19 × 10^8, exact in 128 bits; normalizing shifts it up by its leading zeros.
        let (high27, low27) = UInt64(10_000_000_000_000_000_000).multipliedFullWidth(by: 100_000_000)
        let shift = UInt64(high27.leadingZeroBitCount)
        XCTAssertEqual(entry(27).high, high27 << shift | low27 >> (64 - shift))
        XCTAssertEqual(entry(27).low, low27 << shift)
        XCTAssertTrue(PowersOfTen.table.allSatisfy { $0.high >> 63 == 1 })
    }

    func testEiselLemireDeclinesWhatItCannotDecide() {
        XCTAssertNil(EiselLemire.double(mantissa: 0, exponent: 0, negative: false))
        XCTAssertNil(EiselLemire.double(mantissa: 1, exponent: 400, negative: false))
        XCTAssertNil(EiselLemire.double(mantissa: 1, exponent: -400, negative: false))
        // 4.9e-324 is subnormal.
        XCTAssertNil(EiselLemire.double(mantissa: 49, exponent: -325, negative: false))
        XCTAssertEqual(EiselLemire.double(mantissa: 12_345_678_901_234_567, exponent: -3, negative: true),
                       -12_345_678_901_234.567)
    }
}
