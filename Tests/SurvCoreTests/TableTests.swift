import XCTest
@testable import SurvCore

/// Fisher's exact test, Pearson's chi-square and the rank tests against R (Oracle/tables.R), plus
/// hand-checkable cases and the refusals of degenerate input.
final class TableTests: XCTestCase {
    private func records(_ key: String) throws -> [[String: Any]] {
        let json = try Oracle.json("tables")
        let list = try XCTUnwrap(json[key] as? [[String: Any]], "missing \(key)")
        XCTAssertFalse(list.isEmpty)
        return list
    }

    /// A number, or the string "Inf" that the oracle writes for an infinite odds ratio.
    private func number(_ record: [String: Any], _ key: String) throws -> Double {
        if let s = record[key] as? String, s == "Inf" { return .infinity }
        return try XCTUnwrap((record[key] as? NSNumber)?.doubleValue, "missing \(key) in \(record["name"] ?? "")")
    }

    private func table(_ record: [String: Any]) throws -> [[Int]] {
        try XCTUnwrap(record["table"] as? [[Int]], "missing table")
    }

    private func doubles(_ record: [String: Any], _ key: String) throws -> [Double] {
        try XCTUnwrap(record[key] as? [NSNumber], "missing \(key)").map(\.doubleValue)
    }

    func testFisherMatchesR() throws {
        var compared = 0
        for r in try records("fisher") {
            let name = try XCTUnwrap(r["name"] as? String)
            let level = try number(r, "level")
            let result = try FisherExact.test(try table(r), level: level)
            XCTAssertMatchesR(result.p, try number(r, "p"), "\(name): p")
            compared += 1
            if r["oddsRatio"] != nil {
                XCTAssertMatchesR(result.oddsRatio, try number(r, "oddsRatio"), "\(name): odds ratio")
                XCTAssertMatchesR(result.oddsRatioLower, try number(r, "oddsRatioLower"), "\(name): lower \(level)")
                XCTAssertMatchesR(result.oddsRatioUpper, try number(r, "oddsRatioUpper"), "\(name): upper \(level)")
                compared += 3
            } else {
                XCTAssertNil(result.oddsRatio, "\(name): no odds ratio for r×c")
            }
        }
        XCTAssertGreaterThan(compared, 60)
    }

    /// A 2×9 table (n = 369) where 36 tables are 1.9e-7 more probable than the observed one: surv's p is the
    /// exact sum of Oracle/fisher_exact.py (integer arithmetic, every table with the margins), and R's FEXACT,
    /// which counts log-probabilities within 3.45e-7 of the observed one as ties, gives that script's second sum.
    func testFisherMatchesAnExactEnumerationWhereFEXACTCountsNearTies() throws {
        let document = try Oracle.json("fisher_exact")
        let cases = try XCTUnwrap(document["cases"] as? [[String: Any]])
        XCTAssertFalse(cases.isEmpty)
        for r in cases {
            let name = try XCTUnwrap(r["name"] as? String)
            let counts = try XCTUnwrap(r["table"] as? [[Int]])
            let exact = try number(r, "p"), fexact = try number(r, "pFexactTolerance")
            XCTAssertEqual(exact, try number(r, "pNoTolerance"), "\(name): no table lies within 1e-7 of the observed one")
            XCTAssertGreaterThan(abs(fexact - exact) / exact, 1e-6, "\(name): the case no longer separates the two rules")
            XCTAssertMatchesR(try FisherExact.test(counts).p, exact, "\(name): p", rel: 1e-12)
        }
    }

    /// The case the task is named for: 2 of 6 versus 2 of 26.
    func testTwoOfSixVersusTwoOfTwentySix() throws {
        let result = try FisherExact.test([[2, 2], [4, 24]])
        XCTAssertEqual(result.p, 0.1504, accuracy: 5e-5)
    }

    /// Fisher's tea-tasting experiment: P(3 right) = 16/70, P(4 right) = 1/70; two-sided p = 34/70.
    func testTeaTastingByHand() throws {
        let result = try FisherExact.test([[3, 1], [1, 3]])
        XCTAssertEqual(result.p, 34.0 / 70.0, accuracy: 1e-14)
        let wide = try FisherExact.test([[1, 2, 3], [4, 5, 0]])
        // Transposing a table cannot change its exact p-value.
        let transposed = try FisherExact.test([[1, 4], [2, 5], [3, 0]])
        XCTAssertEqual(wide.p, transposed.p, accuracy: 1e-14)
    }

    func testChiSquareMatchesR() throws {
        var compared = 0
        for r in try records("chisq") {
            let name = try XCTUnwrap(r["name"] as? String)
            let yates = try XCTUnwrap(r["yates"] as? Bool)
            let result = try PearsonChiSquare.test(try table(r), yates: yates)
            XCTAssertMatchesR(result.statistic.chisq, try number(r, "chisq"), "\(name) yates=\(yates): X²")
            XCTAssertMatchesR(result.statistic.df, try number(r, "df"), "\(name): df")
            XCTAssertMatchesR(result.statistic.p, try number(r, "p"), "\(name) yates=\(yates): p")
            let expected = try XCTUnwrap(r["expected"] as? [[NSNumber]])
            XCTAssertEqual(result.expected.count, expected.count)
            for (ours, theirs) in zip(result.expected.joined(), expected.joined()) {
                XCTAssertMatchesR(ours, theirs.doubleValue, "\(name): expected")
                compared += 1
            }
            let small = try XCTUnwrap(r["smallExpected"] as? Bool)
            XCTAssertEqual(result.warnings.contains { $0.code == "small_expected_counts" }, small, "\(name): warning")
            compared += 3
        }
        XCTAssertGreaterThan(compared, 200)
    }

    /// 2×2 with a = 10, b = 20, c = 30, d = 40: X² = n(ad - bc)² / (r1 r2 c1 c2) = 100·200² / (30·70·40·60).
    func testChiSquareByHand() throws {
        let result = try PearsonChiSquare.test([[10, 20], [30, 40]], yates: false)
        XCTAssertEqual(result.statistic.chisq, 100 * 200.0 * 200 / (30 * 70 * 40 * 60), accuracy: 1e-12)
        XCTAssertEqual(result.statistic.df, 1)
        // Yates: n(|ad - bc| - n/2)² / (r1 r2 c1 c2).
        let corrected = try PearsonChiSquare.test([[10, 20], [30, 40]], yates: true)
        XCTAssertEqual(corrected.statistic.chisq, 100 * 150.0 * 150 / (30 * 70 * 40 * 60), accuracy: 1e-12)
        // Yates is a 2×2 matter only.
        let wide = try PearsonChiSquare.test([[10, 20, 5], [30, 40, 7]], yates: true)
        let plain = try PearsonChiSquare.test([[10, 20, 5], [30, 40, 7]], yates: false)
        XCTAssertEqual(wide.statistic.chisq, plain.statistic.chisq)
    }

    func testWilcoxonMatchesR() throws {
        for r in try records("wilcoxon") {
            let name = try XCTUnwrap(r["name"] as? String)
            let result = try RankTests.wilcoxon(try doubles(r, "x"), try doubles(r, "y"))
            XCTAssertMatchesR(result.statistic, try number(r, "W"), "\(name): W")
            XCTAssertMatchesR(result.p, try number(r, "p"), "\(name): p")
            XCTAssertEqual(result.exact, try XCTUnwrap(r["exact"] as? Bool), "\(name): exact")
        }
    }

    /// Every x above every y, 5 v 6: W = 30 and the exact two-sided p is 2 / C(11, 5).
    func testWilcoxonSeparatedByHand() throws {
        let result = try RankTests.wilcoxon([10, 11, 12, 13, 14], [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(result.statistic, 30)
        XCTAssertEqual(result.p, 2.0 / 462.0, accuracy: 1e-15)
        XCTAssertTrue(result.exact)
    }

    func testKruskalWallisMatchesR() throws {
        for r in try records("kruskal") {
            let name = try XCTUnwrap(r["name"] as? String)
            let groups = try XCTUnwrap(r["groups"] as? [Int])
            let result = try RankTests.kruskalWallis(values: try doubles(r, "values"), groups: groups)
            XCTAssertMatchesR(result.chisq, try number(r, "chisq"), "\(name): H")
            XCTAssertMatchesR(result.df, try number(r, "df"), "\(name): df")
            XCTAssertMatchesR(result.p, try number(r, "p"), "\(name): p")
        }
    }

    /// With two groups and no ties, Kruskal–Wallis is the square of the Wilcoxon z without continuity
    /// correction: H = 12 / (n(n+1)) Σ R_g²/n_g - 3(n+1).
    func testKruskalWallisByHand() throws {
        // Ranks 1,2,3 in group 0 and 4,5,6 in group 1: Σ R²/n = 36/3 + 225/3 = 87; H = 12·87/42 - 21.
        let result = try RankTests.kruskalWallis(values: [1, 2, 3, 4, 5, 6], groups: [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(result.chisq, 12 * 87.0 / 42 - 21, accuracy: 1e-12)
        XCTAssertEqual(result.df, 1)
    }

    func testDegenerateInputIsRefused() {
        let bad: [[[Int]]] = [[], [[]], [[1, 2]], [[1], [2]], [[1, 2], [3]], [[1, -2], [3, 4]],
                              [[0, 0], [3, 4]], [[0, 2], [0, 4]], [[1, 2, 0], [3, 4, 0]]]
        for t in bad {
            XCTAssertThrowsError(try FisherExact.test(t), "fisher \(t)")
            XCTAssertThrowsError(try PearsonChiSquare.test(t, yates: true), "chisq \(t)")
        }
        XCTAssertThrowsError(try FisherExact.test([[1, 2], [3, 4]], level: 1))
        XCTAssertThrowsError(try FisherExact.test([[1, 2], [3, 4]], level: .nan))
        XCTAssertThrowsError(try FisherExact.test([[Int.max, 1], [1, 1]]))
        XCTAssertThrowsError(try RankTests.wilcoxon([], [1]))
        XCTAssertThrowsError(try RankTests.wilcoxon([.nan], [1]))
        XCTAssertThrowsError(try RankTests.wilcoxon([1, 1], [1, 1]))
        XCTAssertThrowsError(try RankTests.kruskalWallis(values: [1, 2], groups: [0]))
        XCTAssertThrowsError(try RankTests.kruskalWallis(values: [1, 2, 3], groups: [4, 4, 4]))
        XCTAssertThrowsError(try RankTests.kruskalWallis(values: [2, 2, 2], groups: [0, 1, 1]))
        XCTAssertThrowsError(try RankTests.kruskalWallis(values: [.infinity, 2, 2], groups: [0, 1, 1]))
    }

    /// An r×c table whose enumeration would be enormous is refused with a pointer to the chi-square test,
    /// in bounded time.
    func testLargeTableIsRefusedWithHint() {
        let big = (0..<6).map { i in (0..<6).map { j in 20 + (i * 7 + j * 3) % 11 } }
        XCTAssertThrowsError(try FisherExact.test(big)) { error in
            let e = error as? CoreError
            XCTAssertNotNil(e)
            XCTAssertTrue(e?.hint?.contains("chi-square") ?? false)
        }
    }

    /// The work budget is enforced along the way, not only up front: the 4×4 job-satisfaction table
    /// needs far more than 1000 steps, and is computed with the default budget.
    func testEnumerationStopsAtItsBudget() throws {
        let record = try XCTUnwrap(try records("fisher").first { $0["name"] as? String == "job satisfaction 4x4" })
        let job = try ContingencyTable(try table(record))
        XCTAssertThrowsError(try FisherNetwork(job, maxSteps: 1000).pValue())
        XCTAssertMatchesR(try FisherNetwork(job).pValue(), try number(record, "p"), "job satisfaction")
    }
}
