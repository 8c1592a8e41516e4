import XCTest
@testable import SurvCore

/// Log-rank, Peto–Peto and trend tests against R survival 3.5.3's survdiff (Oracle/logrank.R → logrank.json).
final class LogRankTests: XCTestCase {
    private var comparisons = 0

    private func check(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
                       file: StaticString = #filePath, line: UInt = #line) {
        comparisons += 1
        XCTAssertMatchesR(actual, expected, what(), file: file, line: line)
    }

    private struct Case {
        var name: String, rho: Double
        var time: [Double], event: [Bool], group: [Int], groupCount: Int, strata: [Int]?
    }

    private func input(_ c: [String: Any]) throws -> Case {
        let strata = (c["strata"] as? [Any]).map { $0.compactMap { $0 as? Int } }
        return Case(name: try XCTUnwrap(c["name"] as? String), rho: try XCTUnwrap(c["rho"] as? Double),
                    time: numbers(c["time"]).map { $0 ?? .nan }, event: numbers(c["status"]).map { $0 == 1 },
                    group: try XCTUnwrap(c["group"] as? [Int]), groupCount: try XCTUnwrap(c["groupCount"] as? Int),
                    strata: strata)
    }

    func testEveryCaseMatchesSurvdiff() throws {
        let cases = try XCTUnwrap(try Oracle.json("logrank")["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 20)
        var trendCount = 0
        for c in cases {
            let x = try input(c)
            let label = "\(x.name) rho=\(x.rho)"
            let test = try LogRankTest.compute(time: x.time, event: x.event, group: x.group, groupCount: x.groupCount,
                                               strata: x.strata, rho: x.rho)
            XCTAssertEqual(test.groups.map(\.n), try XCTUnwrap(c["n"] as? [Int]), label)
            let o = numbers(c["observed"]), e = numbers(c["expected"])
            for g in 0..<x.groupCount {
                check(test.groups[g].observed, o[g], "\(label) observed[\(g)]")
                check(test.groups[g].expected, e[g], "\(label) expected[\(g)]")
            }
            let v = try XCTUnwrap(c["variance"] as? [[Double]])
            for r in 0..<x.groupCount { for col in 0..<x.groupCount {
                check(test.variance[r][col], v[r][col], "\(label) var[\(r),\(col)]")
            } }
            check(test.statistic.chisq, c["chisq"] as? Double, "\(label) chisq")
            check(test.statistic.df, c["df"] as? Double, "\(label) df")
            check(test.statistic.p, c["p"] as? Double, "\(label) p")

            for t in (c["trend"] as? [[String: Any]]) ?? [] {
                let scores = numbers(t["scores"]).map { $0 ?? .nan }
                guard x.rho == 0 else { continue }   // Stata's trend test is the log-rank (rho = 0) one
                let trend = try LogRankTrendTest.compute(time: x.time, event: x.event, group: x.group,
                                                         groupCount: x.groupCount, scores: scores, strata: x.strata)
                check(trend.u, t["u"] as? Double, "\(label) trend U \(scores)")
                check(trend.v, t["v"] as? Double, "\(label) trend V \(scores)")
                check(trend.statistic.chisq, t["chisq"] as? Double, "\(label) trend chisq \(scores)")
                check(trend.statistic.p, t["p"] as? Double, "\(label) trend p \(scores)")
                XCTAssertEqual(trend.statistic.df, 1)
                trendCount += 1
            }
        }
        XCTAssertGreaterThan(trendCount, 8)
        print("LogRankTests: \(comparisons) numbers compared with R")
    }

    /// Default trend scores are 1…k; the R case with scores 1, 2, 3, 4 must agree with it.
    func testTrendDefaultScoresAreOneToK() throws {
        let cases = try XCTUnwrap(try Oracle.json("logrank")["cases"] as? [[String: Any]])
        let c = try XCTUnwrap(cases.first { ($0["name"] as? String) == "veteran~celltype" && ($0["rho"] as? Double) == 0 })
        let x = try input(c)
        let t = try XCTUnwrap((c["trend"] as? [[String: Any]])?.first)
        let trend = try LogRankTrendTest.compute(time: x.time, event: x.event, group: x.group, groupCount: x.groupCount)
        XCTAssertEqual(trend.scores, [1, 2, 3, 4])
        check(trend.statistic.chisq, t["chisq"] as? Double, "default-score trend")
    }

    /// A group code with no rows is carried with n = 0, O = E = 0 and, as survdiff, left out of the degrees of
    /// freedom: the test equals R's on the groups that are present.
    func testEmptyGroupIsDroppedFromDegreesOfFreedom() throws {
        let cases = try XCTUnwrap(try Oracle.json("logrank")["cases"] as? [[String: Any]])
        let c = try XCTUnwrap(cases.first { ($0["name"] as? String) == "aml~x" && ($0["rho"] as? Double) == 0 })
        let x = try input(c)
        // Move group 1 to code 2, leaving code 1 empty.
        let test = try LogRankTest.compute(time: x.time, event: x.event, group: x.group.map { $0 == 1 ? 2 : $0 },
                                           groupCount: 3)
        XCTAssertEqual(test.groups[1], LogRankGroup(n: 0, observed: 0, expected: 0))
        check(test.statistic.chisq, c["chisq"] as? Double, "chisq with an empty group")
        XCTAssertEqual(test.statistic.df, 1)
        check(test.groups[2].expected, numbers(c["expected"])[1], "expected of the moved group")
    }

    func testBadInputIsATypedError() {
        let t: [Double] = [1, 2, 3, 4], e = [true, true, false, true], g = [0, 1, 0, 1]
        XCTAssertThrowsError(try LogRankTest.compute(time: [], event: [], group: [], groupCount: 2))
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: g, groupCount: 1))
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: [0, 1, 0, 2], groupCount: 2))
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: [0, 1, 0], groupCount: 2))
        XCTAssertThrowsError(try LogRankTest.compute(time: [1, .nan, 3, 4], event: e, group: g, groupCount: 2))
        XCTAssertThrowsError(try LogRankTest.compute(time: [1, -2, 3, 4], event: e, group: g, groupCount: 2))
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: g, groupCount: 2, strata: [0, 1]))
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: g, groupCount: 2, rho: .nan))
        // All censored: nothing to compare.
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: [false, false, false, false], group: g, groupCount: 2))
        // Everyone in one group.
        XCTAssertThrowsError(try LogRankTest.compute(time: t, event: e, group: [0, 0, 0, 0], groupCount: 2))
        XCTAssertThrowsError(try LogRankTrendTest.compute(time: t, event: e, group: g, groupCount: 2, scores: [1]))
        XCTAssertThrowsError(try LogRankTrendTest.compute(time: t, event: e, group: g, groupCount: 2, scores: [1, .nan]))
        XCTAssertThrowsError(try LogRankTrendTest.compute(time: t, event: e, group: g, groupCount: 2, scores: [3, 3]))
    }
}
