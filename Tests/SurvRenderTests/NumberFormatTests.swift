import XCTest
@testable import SurvRender
import SurvResults

/// The rules of docs/language.md, "How numbers are printed": the fixed formats notebooks compare byte for byte.
final class NumberFormatTests: XCTestCase {
    let format = NumberFormat(digits: 3)

    // MARK: - Data values

    func testDataValuesPrintAsTheDataHasThem() {
        XCTAssertEqual(format.data(10.0004), "10.0004")
        XCTAssertEqual(format.data(10.0006), "10.0006")
        XCTAssertEqual(format.data(12345.6), "12345.6")
        XCTAssertEqual(format.data(301751120), "301751120")
        XCTAssertEqual(format.data(1.02), "1.02")
        XCTAssertEqual(format.data(12), "12")
        XCTAssertEqual(format.data(12.5), "12.5")
    }

    func testDataValuesDoNotShowArithmeticNoise() {
        XCTAssertEqual(format.data(0.1 * 3), "0.3")
        XCTAssertEqual(format.data(10.0 / 3), "3.333333333")
        // Whole-number digits are never rounded away, however many there are.
        XCTAssertEqual(format.data(123456789012.7), "123456789013")
    }

    func testDataEdgeCases() {
        XCTAssertEqual(format.data(0), "0")
        XCTAssertEqual(format.data(-0.0), "0")
        XCTAssertEqual(format.data(-2.5), "-2.5")
        XCTAssertEqual(format.data(1e-6), "0.000001")
        XCTAssertEqual(format.data(1e-7), "1e-07")
        XCTAssertEqual(format.data(1.5e-7), "1.5e-07")
        XCTAssertEqual(format.data(999999999999999), "999999999999999")
        XCTAssertEqual(format.data(1e15), "1e+15")
        XCTAssertEqual(format.data(.nan), "NA")
        XCTAssertEqual(format.data(.infinity), "Inf")
        XCTAssertEqual(format.data(-.infinity), "-Inf")
        XCTAssertEqual(format.data(nil), "NA")
    }

    func testDataValuesIgnoreDigits() {
        XCTAssertEqual(NumberFormat(digits: 1).data(10.0004), "10.0004")
    }

    func testReachedIsNRForAMedianNotReached() {
        XCTAssertEqual(format.reached(nil), "NR")
        XCTAssertEqual(format.reached(31), "31")
    }

    // MARK: - Estimates

    func testEstimatesHaveDigitsSignificantDigits() {
        XCTAssertEqual(format.estimate(0.098876), "0.0989")
        XCTAssertEqual(format.estimate(1.5), "1.50")
        XCTAssertEqual(format.estimate(-0.553), "-0.553")
        XCTAssertEqual(NumberFormat(digits: 5).estimate(0.098876), "0.098876")
    }

    func testEstimatesNeverUseAnExponentForLargeOrdinaryValues() {
        XCTAssertEqual(format.estimate(1234.6), "1235")
        XCTAssertEqual(format.estimate(12345.6), "12346")
        XCTAssertEqual(format.estimate(99999999999999), "99999999999999")
    }

    func testEstimatesRoundingUpAcrossAPowerOfTen() {
        XCTAssertEqual(format.estimate(9.9996), "10.0")
        XCTAssertEqual(format.estimate(0.99996), "1.00")
        XCTAssertEqual(format.estimate(99.96), "100")
        XCTAssertEqual(format.estimate(-9.9996), "-10.0")
        XCTAssertEqual(format.estimate(0.0099996), "0.0100")
    }

    func testEstimateEdgeCases() {
        XCTAssertEqual(format.estimate(0), "0")
        XCTAssertEqual(format.estimate(1e-7), "1.00e-07")
        XCTAssertEqual(format.estimate(1e15), "1.00e+15")
        XCTAssertEqual(format.estimate(.nan), "NA")
        XCTAssertEqual(format.estimate(.infinity), "Inf")
        XCTAssertEqual(format.estimate(-.infinity), "-Inf")
        XCTAssertEqual(format.estimate(nil), "NA")
    }

    // MARK: - Probabilities and fixed decimals

    func testProbabilitiesFollowDigits() {
        XCTAssertEqual(format.probability(0.90909), "0.909")
        XCTAssertEqual(format.probabilityStdErr(0.08671), "0.0867")
        XCTAssertEqual(NumberFormat(digits: 4).probability(0.90909), "0.9091")
        XCTAssertEqual(NumberFormat(digits: 4).probabilityStdErr(0.08671), "0.08671")
        XCTAssertEqual(format.probability(nil), "NA")
        XCTAssertEqual(format.probability(0), "0.000")
        XCTAssertEqual(format.probability(.nan), "NA")
    }

    func testDecimalsNeverPrintNegativeZero() {
        XCTAssertEqual(format.decimals(-0.0001, 2), "0.00")
        XCTAssertEqual(format.decimals(-0.006, 2), "-0.01")
        XCTAssertEqual(format.zScore(-0.001), "0.00")
    }

    func testPercentagesFollowDigitsWithAtLeastOneDecimal() {
        XCTAssertEqual(format.percentage(45.4545), "45.5")
        XCTAssertEqual(NumberFormat(digits: 2).percentage(45.4545), "45.5")
        XCTAssertEqual(NumberFormat(digits: 4).percentage(45.4545), "45.45")
    }

    func testPercentIsNeverRoundedUpToAHundred() {
        XCTAssertEqual(NumberFormat.percent(0.95), "95%")
        XCTAssertEqual(NumberFormat.percent(0.999), "99.9%")
        XCTAssertEqual(NumberFormat.percent(0.9999), "99.9%")
    }

    // MARK: - Intervals

    func testIntervals() {
        XCTAssertEqual(format.interval(0.754, 1.0, format.probability), "0.754–1.000")
        XCTAssertEqual(format.interval(nil, nil, format.probability), "NA–NA")
        XCTAssertEqual(format.interval(18, nil, missing: "NR", format.data), "18–NR")
        // A negative limit joined by a dash would read as subtraction.
        XCTAssertEqual(format.interval(-17.1, 3.17, format.estimate), "-17.1 to 3.17")
        XCTAssertEqual(format.interval(-17.1, -3.2, format.estimate), "-17.1 to -3.20")
    }

    // MARK: - p-values

    func testPValuesStandingAlone() {
        XCTAssertEqual(format.pValue(0.0654), "0.065")
        XCTAssertEqual(format.pValue(0.5), "0.500")
        XCTAssertEqual(format.pValue(0.99996), "1.000")
        XCTAssertEqual(format.pValue(0.00123), "0.0012")
        XCTAssertEqual(format.pValue(0.001), "0.0010")
        XCTAssertEqual(format.pValue(0.0099), "0.0099")
        // 0.00999 rounds to 0.010 at two significant digits: printed as the 0.01 it rounds to.
        XCTAssertEqual(format.pValue(0.00999), "0.010")
        XCTAssertEqual(format.pValue(0.000999), "1.0e-03")
        XCTAssertEqual(format.pValue(1e-30), "1.0e-30")
        XCTAssertEqual(format.pValue(1e-300), "1.0e-300")
        XCTAssertEqual(format.pValue(1e-301), "<1e-300")
        XCTAssertEqual(format.pValue(0), "<1e-300")
        XCTAssertEqual(format.pValue(nil), "NA")
        XCTAssertEqual(format.pValue(.nan), "NA")
    }

    func testEachPValueOfAColumnHasItsOwnStyle() {
        XCTAssertEqual(format.pValues([0.232, 0.0010, 0.065]), ["0.232", "0.0010", "0.065"])
        // Each p in its own style, as R's format.pval: a small one beside does not turn 0.232 into 2.3e-01.
        XCTAssertEqual(format.pValues([0.232, 0.00099, 4.4e-5]), ["0.232", "9.9e-04", "4.4e-05"])
        XCTAssertEqual(format.pValues([0.0010, 0, nil]), ["0.0010", "<1e-300", "NA"])
    }

    func testPClauseNeverReadsEqualsLessThan() {
        XCTAssertEqual(format.pClause(0.065), "p = 0.065")
        XCTAssertEqual(format.pClause(0), "p < 1e-300")
        XCTAssertEqual(format.pClause(1e-320), "p < 1e-300")
    }

    // MARK: - Counts

    func testCountsAreSingularForOne() {
        XCTAssertEqual(NumberFormat.count(1, "event"), "1 event")
        XCTAssertEqual(NumberFormat.count(0, "event"), "0 events")
        XCTAssertEqual(NumberFormat.count(18, "row"), "18 rows")
        XCTAssertEqual(NumberFormat.count(2, "child", plural: "children"), "2 children")
    }
}
