import XCTest
@testable import SurvCore

/// Kaplan–Meier curves against R survival 3.5.3 (Oracle/km.R → km.json) and against hand-worked numbers.
final class KaplanMeierTests: XCTestCase {
    private var comparisons = 0

    private func check(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
                       file: StaticString = #filePath, line: UInt = #line) {
        comparisons += 1
        XCTAssertMatchesR(actual, expected, what(), file: file, line: line)
    }

    private func check(_ actual: [Double?], _ expected: [Double?], _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "\(what): length", file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() { check(a, e, "\(what)[\(i)]", file: file, line: line) }
    }

    // MARK: Oracle

    func testEveryCurveMatchesSurvfit() throws {
        let oracle = try Oracle.json("km")
        let inputs = try XCTUnwrap(oracle["inputs"] as? [String: Any])
        let curves = try XCTUnwrap(oracle["curves"] as? [[String: Any]])
        XCTAssertGreaterThan(curves.count, 150)
        for c in curves {
            let name = try XCTUnwrap(c["input"] as? String)
            let input = try XCTUnwrap(inputs[name] as? [String: Any])
            let time = numbers(input["time"]).map { $0 ?? .nan }
            let event = numbers(input["status"]).map { $0 == 1 }
            let weights = input["weights"].flatMap { $0 is NSNull ? nil : numbers($0).map { $0 ?? .nan } }
            let reverse = (c["reverse"] as? Bool) ?? false
            let transform = try XCTUnwrap(ConfidenceTransform(rawValue: try XCTUnwrap(c["transform"] as? String)))
            let level = try XCTUnwrap(c["level"] as? Double)
            let label = "\(name)\(reverse ? " reverse" : "") \(transform.rawValue) \(level)"
            let fit = reverse
                ? try KaplanMeierCurve.reverse(time: time, event: event, transform: transform, level: level)
                : try KaplanMeierCurve.fit(time: time, event: event, weights: weights, transform: transform, level: level)

            XCTAssertEqual(fit.n, c["n"] as? Int, label)
            check(fit.time, numbers(c["time"]), "\(label) time")
            check(fit.nRisk, numbers(c["nRisk"]), "\(label) n.risk")
            check(fit.nEvent, numbers(c["nEvent"]), "\(label) n.event")
            check(fit.nCensor, numbers(c["nCensor"]), "\(label) n.censor")
            check(fit.surv, numbers(c["surv"]), "\(label) surv")
            let logse = (c["logse"] as? Bool) ?? true
            XCTAssertEqual(fit.variance, logse ? .greenwood : .robust, label)
            // With the robust variance R's std.err is the SE of S; ours is that divided by S (0 where S = 0).
            let rStdErr = numbers(c["stdErr"])
            let expectedLogSE: [Double?] = logse ? rStdErr : zip(rStdErr, fit.surv).map { se, s in
                se.map { $0 == 0 ? 0 : $0 / s }
            }
            check(fit.stdErrLogSurv, expectedLogSE, "\(label) std.err")
            check(fit.lower, numbers(c["lower"]), "\(label) lower")
            check(fit.upper, numbers(c["upper"]), "\(label) upper")

            let q = try XCTUnwrap(c["quantile"] as? [String: Any])
            let ps = numbers(q["p"]), qe = numbers(q["estimate"]), ql = numbers(q["lower"]), qu = numbers(q["upper"])
            for (i, p) in ps.enumerated() {
                let mine = fit.quantile(p ?? .nan)
                check(mine.estimate, qe[i], "\(label) quantile \(p ?? .nan)")
                check(mine.lower, ql[i], "\(label) quantile \(p ?? .nan) lower")
                check(mine.upper, qu[i], "\(label) quantile \(p ?? .nan) upper")
            }
            XCTAssertEqual(fit.median, fit.quantile(0.5))

            let s = try XCTUnwrap(c["summary"] as? [String: Any])
            let requested = numbers(s["requested"]).map { $0 ?? .nan }
            let rows = fit.summary(at: requested).compactMap { $0 }
            XCTAssertEqual(rows.count, numbers(s["time"]).count, "\(label) summary rows")
            check(rows.map(\.time), numbers(s["time"]), "\(label) summary time")
            check(rows.map(\.nRisk), numbers(s["nRisk"]), "\(label) summary n.risk")
            check(rows.map(\.nEvent), numbers(s["nEvent"]), "\(label) summary n.event")
            check(rows.map(\.surv), numbers(s["surv"]), "\(label) summary surv")
            check(rows.map(\.stdErr), numbers(s["stdErr"]), "\(label) summary std.err")
            check(rows.map(\.lower), numbers(s["lower"]), "\(label) summary lower")
            check(rows.map(\.upper), numbers(s["upper"]), "\(label) summary upper")

            for rm in try XCTUnwrap(c["rmean"] as? [[String: Any]]) {
                let tau = try XCTUnwrap(rm["tau"] as? Double)
                let mine = try fit.restrictedMean(upTo: tau)
                check(mine.estimate, rm["estimate"] as? Double, "\(label) rmean \(tau)")
                check(mine.stdErr, rm["stdErr"] as? Double, "\(label) se(rmean) \(tau)")
            }
        }
        print("KaplanMeierTests: \(comparisons) numbers compared with R")
    }

    // MARK: Hand-worked

    /// Ten rows: 3, 4+, 5.5, 6, 6+, 8, 9+, 12, 15, 20+ ("+" = censored).
    /// t     n  d  S                       Greenwood Σ d/(n(n−d))
    /// 3    10  1  9/10        = 0.9        1/90
    /// 4+    9  0  0.9                      (censored: no change)
    /// 5.5   8  1  0.9·7/8     = 0.7875    + 1/56
    /// 6     7  1  0.7875·6/7  = 0.675     + 1/42   (the censoring at 6 is still at risk at 6)
    /// 8     5  1  0.675·4/5   = 0.54      + 1/20
    /// 9+    4  0
    /// 12    3  1  0.54·2/3    = 0.36      + 1/6
    /// 15    2  1  0.36·1/2    = 0.18      + 1/2
    /// 20+   1  0
    /// Median: S first ≤ 0.5 at t = 12. Restricted mean to 10:
    /// 3·1 + 2.5·0.9 + 0.5·0.7875 + 2·0.675 + 2·0.54 = 8.07375.
    func testTextbookTenRows() throws {
        let fit = try KaplanMeierCurve.fit(time: [3, 4, 5.5, 6, 6, 8, 9, 12, 15, 20],
                                           event: [true, false, true, true, false, true, false, true, true, false])
        XCTAssertEqual(fit.time, [3, 4, 5.5, 6, 8, 9, 12, 15, 20])
        XCTAssertEqual(fit.nRisk, [10, 9, 8, 7, 5, 4, 3, 2, 1])
        XCTAssertEqual(fit.nEvent, [1, 0, 1, 1, 1, 0, 1, 1, 0])
        XCTAssertEqual(fit.nCensor, [0, 1, 0, 1, 0, 1, 0, 0, 1])
        let s: [Double] = [0.9, 0.9, 0.9 * 7 / 8, 0.9 * 7 / 8 * 6 / 7, 0.675 * 4 / 5, 0.54, 0.54 * 2 / 3, 0.18, 0.18]
        for (a, e) in zip(fit.surv, s) { XCTAssertEqual(a, e, accuracy: 1e-12) }
        var g = [1.0 / 90, 1.0 / 90, 1.0 / 90 + 1.0 / 56]
        g.append(g[2] + 1.0 / 42); g.append(g[3] + 1.0 / 20); g.append(g[4])
        g.append(g[5] + 1.0 / 6); g.append(g[6] + 1.0 / 2); g.append(g[7])
        for (a, e) in zip(fit.stdErrLogSurv, g) { XCTAssertEqual(a, e.squareRoot(), accuracy: 1e-12) }
        XCTAssertEqual(fit.median.estimate, 12)
        XCTAssertEqual(try fit.restrictedMean(upTo: 10).estimate, 8.07375, accuracy: 1e-12)
        // summary at 6: S = 0.675, SE(S) = S·√(Σ), 7 at risk, 2 events since the start (at 3 and 5.5) + 1 at 6.
        let at6 = try XCTUnwrap(fit.summary(at: [6])[0])
        XCTAssertEqual(at6.nRisk, 7)
        XCTAssertEqual(at6.nEvent, 3)
        XCTAssertEqual(try XCTUnwrap(at6.stdErr), 0.675 * g[3].squareRoot(), accuracy: 1e-12)
        XCTAssertNil(fit.summary(at: [21])[0], "after the last time R drops the row")
    }

    /// S = 1/2 exactly on [3, 5): quantile.survfit reports the middle of the flat stretch, (3 + 5)/2.
    func testMedianOnAFlatStretchIsItsMidpoint() throws {
        let fit = try KaplanMeierCurve.fit(time: [1, 2, 3, 4, 5, 6], event: [true, true, true, false, true, true])
        XCTAssertEqual(fit.surv[2], 0.5)
        XCTAssertEqual(fit.median.estimate, 4)
        // S = 3/4 · 2/3 = 1/2 from 2 until the last time (4): midpoint of 2 and 4.
        let flat = try KaplanMeierCurve.fit(time: [1, 2, 3, 4], event: [true, true, false, false])
        XCTAssertEqual(flat.median.estimate, 3)
    }

    /// R sorts the requested times; our rows stay in the caller's order but count events in sorted order,
    /// and a repeated time gets no events the second time.
    func testSummaryKeepsTheCallersOrder() throws {
        let fit = try KaplanMeierCurve.fit(time: [3, 4, 5.5, 6, 6, 8, 9, 12, 15, 20],
                                           event: [true, false, true, true, false, true, false, true, true, false])
        let sorted = fit.summary(at: [4, 6, 10, 20])
        let shuffled = fit.summary(at: [20, 99, 6, 4, 10, 10])
        XCTAssertEqual(shuffled[0], sorted[3])
        XCTAssertNil(shuffled[1])
        XCTAssertEqual(shuffled[2], sorted[1])
        XCTAssertEqual(shuffled[3], sorted[0])
        XCTAssertEqual(shuffled[4], sorted[2])
        XCTAssertEqual(shuffled[5]?.nEvent, 0)
        XCTAssertEqual(shuffled[5]?.surv, sorted[2]?.surv)
    }

    // MARK: Bad input

    func testAllCensoredHasNoMedianAndNoTrap() throws {
        let fit = try KaplanMeierCurve.fit(time: [2, 3, 5], event: [false, false, false])
        XCTAssertEqual(fit.surv, [1, 1, 1])
        XCTAssertEqual(fit.median, EstimateWithInterval(estimate: nil, lower: nil, upper: nil))
        XCTAssertEqual(fit.events, 0)
    }

    func testBadInputIsATypedError() {
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [], event: []))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, -2], event: [true, true]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, .nan], event: [true, true]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, .infinity], event: [true, true]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true, true], weights: [1, .nan]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true, true], weights: [1, -1]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true, true], weights: [1]))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true, true], level: 1))
        XCTAssertThrowsError(try KaplanMeierCurve.fit(time: [1, 2], event: [true, true], level: .nan))
        let fit = try? KaplanMeierCurve.fit(time: [5, 6], event: [true, false])
        XCTAssertThrowsError(try fit?.restrictedMean(upTo: 4))
        XCTAssertThrowsError(try fit?.restrictedMean(upTo: .nan))
        XCTAssertEqual(fit?.quantile(.nan), EstimateWithInterval(estimate: nil, lower: nil, upper: nil))
        XCTAssertEqual(fit?.quantile(1.5), EstimateWithInterval(estimate: nil, lower: nil, upper: nil))
        XCTAssertEqual(fit?.summary(at: [.nan, .infinity, 5]).map { $0 == nil }, [true, true, false])
    }

    func testSingleRowAndZeroTimes() throws {
        let one = try KaplanMeierCurve.fit(time: [4], event: [true], transform: .plain)
        XCTAssertEqual(one.surv, [0])
        XCTAssertEqual(one.stdErrLogSurv, [.infinity])
        XCTAssertNil(one.lower[0])
        XCTAssertEqual(one.median.estimate, 4)
        let zero = try KaplanMeierCurve.fit(time: [0, 0, -0.0], event: [true, false, true])
        XCTAssertEqual(zero.time, [0])
        XCTAssertEqual(zero.nEvent, [2])
    }

    /// The radix ordering must agree with a comparison sort, ties kept in row order.
    func testTimeOrderMatchesAStableSort() {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let scales = [0.1, 1, 1e9, 3e-300]
        for n in [1, 2, 17, 5000] {
            let time = (0..<n).map { _ in Double(next() % 50) * scales[Int(next() % 4)] }
            let mine = TimeOrder.ascending(time).map(Int.init)
            let reference = time.indices.sorted { time[$0] < time[$1] || (time[$0] == time[$1] && $0 < $1) }
            XCTAssertEqual(mine, reference, "n = \(n)")
        }
    }
}

/// A JSON array of numbers with nulls (R's NA), or a single number, as `[Double?]`.
/// R's length-one vectors arrive unboxed (a lone NA as null); infinities arrive as the strings "Inf"/"-Inf".
func numbers(_ value: Any?) -> [Double?] {
    func number(_ v: Any) -> Double? {
        if let d = v as? Double { return d }
        if let s = v as? String { return s == "Inf" ? .infinity : s == "-Inf" ? -.infinity : nil }
        return nil
    }
    if let array = value as? [Any] { return array.map(number) }
    if let value { return [number(value)] }
    return []
}

final class KaplanMeierExtremeTimesTests: XCTestCase {
    /// Times near the largest double once overflowed the tie tolerance and merged into one. R's answer,
    /// from `survfit(Surv(c(1e308, 1.7e308, 5, 0, 0), c(1, 1, 0, 1, 1)) ~ 1)`: times 0, 1e308, 1.7e308
    /// (5 is within the relative tolerance of 0 at this scale), events 2, 1, 1, censored 1, 0, 0.
    func testTimesNearTheLargestDoubleStayDistinct() throws {
        let curve = try KaplanMeierCurve.fit(time: [1e308, 1.7e308, 5, 0, 0], event: [true, true, false, true, true])
        XCTAssertEqual(curve.time, [0, 1e308, 1.7e308])
        XCTAssertEqual(curve.nEvent, [2, 1, 1])
        XCTAssertEqual(curve.nCensor, [1, 0, 0])
    }
}
