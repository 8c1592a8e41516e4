import XCTest
@testable import SurvCore

/// Normal, chi-square and t distributions against R's p/q functions on grids reaching far into the
/// tails (Oracle/distributions.R). Tail values are compared relatively, with no absolute slack, so a
/// p-value of 1e-30 must come out as 1e-30 and not as 0.
final class DistributionTests: XCTestCase {
    /// Relative agreement demanded of the distribution functions: far tighter than the project's 1e-6.
    private let rel = 1e-9
    /// Only values R itself rounds to zero may be (sub)normal dust here.
    private let abs = 1e-300

    private func records(_ key: String) throws -> [[String: Any]] {
        let json = try Oracle.json("distributions")
        let list = try XCTUnwrap(json[key] as? [[String: Any]], "missing \(key)")
        XCTAssertFalse(list.isEmpty)
        return list
    }

    /// A number, or the strings "Inf" / "-Inf" the oracle writes for infinite quantiles.
    private func number(_ record: [String: Any], _ key: String) throws -> Double {
        if let s = record[key] as? String, let infinite = ["Inf": Double.infinity, "-Inf": -.infinity][s] { return infinite }
        return try XCTUnwrap((record[key] as? NSNumber)?.doubleValue, "missing \(key) in \(record)")
    }

    func testNormalTailsMatchR() throws {
        for r in try records("normal") {
            let x = try number(r, "x")
            XCTAssertMatchesR(Normal.cdf(x), try number(r, "cdf"), "pnorm(\(x))", rel: rel, abs: abs)
            XCTAssertMatchesR(Normal.sf(x), try number(r, "sf"), "pnorm(\(x), lower=F)", rel: rel, abs: abs)
        }
    }

    func testNormalQuantileMatchesR() throws {
        for r in try records("normalQuantile") {
            let p = try number(r, "p")
            XCTAssertMatchesR(Normal.quantile(p), try number(r, "q"), "qnorm(\(p))", rel: 1e-13, abs: 1e-15)
        }
    }

    func testChiSquaredTailsMatchR() throws {
        for r in try records("chisq") {
            let x = try number(r, "x"), df = try number(r, "df")
            XCTAssertMatchesR(ChiSquared.cdf(x, df: df), try number(r, "cdf"), "pchisq(\(x), \(df))", rel: rel, abs: abs)
            XCTAssertMatchesR(ChiSquared.sf(x, df: df), try number(r, "sf"), "pchisq(\(x), \(df), lower=F)", rel: rel, abs: abs)
        }
    }

    func testChiSquaredQuantileMatchesR() throws {
        for r in try records("chisqQuantile") {
            let p = try number(r, "p"), df = try number(r, "df")
            XCTAssertMatchesR(ChiSquared.quantile(p, df: df), try number(r, "q"), "qchisq(\(p), \(df))", rel: rel, abs: abs)
        }
    }

    func testStudentTTailsMatchR() throws {
        for r in try records("t") {
            let x = try number(r, "x"), df = try number(r, "df")
            XCTAssertMatchesR(StudentT.cdf(x, df: df), try number(r, "cdf"), "pt(\(x), \(df))", rel: rel, abs: abs)
            XCTAssertMatchesR(StudentT.sf(x, df: df), try number(r, "sf"), "pt(\(x), \(df), lower=F)", rel: rel, abs: abs)
        }
    }

    func testStudentTQuantileMatchesR() throws {
        for r in try records("tQuantile") {
            let p = try number(r, "p"), df = try number(r, "df")
            let ours = StudentT.quantile(p, df: df), theirs = try number(r, "q")
            let roundTripError = Swift.abs(try number(r, "roundTripError"))
            if roundTripError > 1e-12 {
                // R's qt does not invert its own pt here (df < 1, far tail): demand that ours does, and
                // that it agrees with R as far as R's own error allows. The tail falls like t^-df, so a
                // relative error e in R's tail is one of about e/df in its quantile.
                let tail = min(p, 1 - p)
                XCTAssertEqual(StudentT.sf(Swift.abs(ours), df: df) / tail, 1, accuracy: 1e-12, "qt(\(p), \(df)) round trip")
                XCTAssertMatchesR(ours, theirs, "qt(\(p), \(df))", rel: 2 * roundTripError / min(df, 1) + rel)
            } else {
                XCTAssertMatchesR(ours, theirs, "qt(\(p), \(df))", rel: rel, abs: 1e-15)
            }
        }
    }

    /// Textbook values that can be checked by hand.
    func testTextbookValues() {
        // Chi-square with 2 df is exponential with mean 2: P(X > x) = exp(-x/2).
        XCTAssertEqual(ChiSquared.sf(200, df: 2), exp(-100), accuracy: exp(-100) * 1e-13)
        XCTAssertEqual(ChiSquared.sf(6, df: 2), exp(-3), accuracy: 1e-15)
        // t with 1 df is Cauchy: P(T > t) = 1/2 - atan(t)/π.
        XCTAssertEqual(StudentT.sf(1, df: 1), 0.25, accuracy: 1e-15)
        XCTAssertEqual(StudentT.sf(1e10, df: 1), atan(1e-10) / Double.pi, accuracy: 1e-25)
        // The familiar critical values.
        XCTAssertEqual(Normal.quantile(0.975), 1.959963984540054, accuracy: 1e-14)
        XCTAssertEqual(ChiSquared.quantile(0.95, df: 1), 1.959963984540054 * 1.959963984540054, accuracy: 1e-12)
        // Chi-square on 1 df is Z²: P(X > z²) = 2 P(Z > z), here deep in the tail.
        XCTAssertEqual(ChiSquared.sf(144, df: 1), 2 * Normal.sf(12), accuracy: 2 * Normal.sf(12) * 1e-12)
    }

    func testInvalidArgumentsGiveNaN() {
        XCTAssertTrue(Normal.cdf(.nan).isNaN)
        XCTAssertTrue(Normal.quantile(1.5).isNaN)
        XCTAssertTrue(Normal.quantile(-0.1).isNaN)
        XCTAssertTrue(ChiSquared.sf(3, df: -1).isNaN)
        XCTAssertTrue(ChiSquared.cdf(.nan, df: 2).isNaN)
        XCTAssertTrue(ChiSquared.quantile(0.5, df: .nan).isNaN)
        XCTAssertTrue(StudentT.sf(1, df: 0).isNaN)
        XCTAssertTrue(StudentT.quantile(2, df: 3).isNaN)
        XCTAssertEqual(Normal.quantile(0), -.infinity)
        XCTAssertEqual(ChiSquared.quantile(1, df: 3), .infinity)
        XCTAssertEqual(ChiSquared.sf(-1, df: 3), 1)
    }
}
