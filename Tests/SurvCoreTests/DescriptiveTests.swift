import XCTest
@testable import SurvCore

/// Numeric summaries, type-7 quantiles and category counts against R (Oracle/tables.R).
final class DescriptiveTests: XCTestCase {
    private func records(_ key: String) throws -> [[String: Any]] {
        let json = try Oracle.json("tables")
        let list = try XCTUnwrap(json[key] as? [[String: Any]], "missing \(key)")
        XCTAssertFalse(list.isEmpty)
        return list
    }

    private func optionalNumber(_ record: [String: Any], _ key: String) -> Double? {
        (record[key] as? NSNumber)?.doubleValue
    }

    func testSummariesMatchR() throws {
        for r in try records("summaries") {
            let name = try XCTUnwrap(r["name"] as? String)
            let raw = try XCTUnwrap(r["values"] as? [Any])
            let present = raw.compactMap { ($0 as? NSNumber)?.doubleValue }
            let s = Descriptive.summarize(present, missing: raw.count - present.count)
            XCTAssertEqual(s.n, try XCTUnwrap(r["n"] as? Int), "\(name): n")
            XCTAssertEqual(s.missing, try XCTUnwrap(r["missing"] as? Int), "\(name): missing")
            XCTAssertMatchesR(s.mean, optionalNumber(r, "mean"), "\(name): mean")
            XCTAssertMatchesR(s.sd, optionalNumber(r, "sd"), "\(name): sd")
            XCTAssertMatchesR(s.median, optionalNumber(r, "median"), "\(name): median")
            XCTAssertMatchesR(s.q1, optionalNumber(r, "q1"), "\(name): q1")
            XCTAssertMatchesR(s.q3, optionalNumber(r, "q3"), "\(name): q3")
            XCTAssertMatchesR(s.min, optionalNumber(r, "min"), "\(name): min")
            XCTAssertMatchesR(s.max, optionalNumber(r, "max"), "\(name): max")
        }
    }

    func testQuantilesMatchR() throws {
        for r in try records("quantiles") {
            let name = try XCTUnwrap(r["name"] as? String)
            let values = try XCTUnwrap(r["values"] as? [NSNumber]).map(\.doubleValue)
            let probs = try XCTUnwrap(r["probs"] as? [NSNumber]).map(\.doubleValue)
            let expected = try XCTUnwrap(r["q"] as? [NSNumber]).map(\.doubleValue)
            XCTAssertEqual(probs.count, expected.count)
            for (p, q) in zip(probs, expected) {
                XCTAssertMatchesR(Descriptive.quantile(values, p), q, "\(name): quantile \(p)")
            }
        }
    }

    func testCountsMatchR() throws {
        for r in try records("counts") {
            let name = try XCTUnwrap(r["name"] as? String)
            let levels = try XCTUnwrap(r["levels"] as? [String])
            let codes = try XCTUnwrap(r["codes"] as? [Int])
            let (counts, missing) = Descriptive.counts(codes: codes, levels: levels)
            XCTAssertEqual(counts.map(\.level), levels, name)
            XCTAssertEqual(counts.map(\.count), try XCTUnwrap(r["counts"] as? [Int]), name)
            XCTAssertEqual(missing, try XCTUnwrap(r["missing"] as? Int), name)
            let percents = try XCTUnwrap(r["percent"] as? [NSNumber]).map(\.doubleValue)
            for (c, p) in zip(counts, percents) { XCTAssertMatchesR(c.percent, p, "\(name): \(c.level) %") }
        }
    }

    func testHandCheckableCases() {
        // 1...10: mean 5.5, median 5.5, type-7 quartiles 3.25 and 7.75, sd = sqrt(82.5/9).
        let s = Descriptive.summarize((1...10).map(Double.init).shuffled(), missing: 2)
        XCTAssertEqual(s.n, 10)
        XCTAssertEqual(s.missing, 2)
        XCTAssertEqual(s.mean, 5.5)
        XCTAssertEqual(s.median, 5.5)
        XCTAssertEqual(s.q1, 3.25)
        XCTAssertEqual(s.q3, 7.75)
        XCTAssertEqual(s.sd ?? 0, (82.5 / 9).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.min, 1)
        XCTAssertEqual(s.max, 10)

        let one = Descriptive.summarize([4, .nan], missing: 0)
        XCTAssertEqual(one.n, 1)
        XCTAssertEqual(one.missing, 1)
        XCTAssertNil(one.sd)
        XCTAssertEqual(one.q1, 4)

        let none = Descriptive.summarize([], missing: 3)
        XCTAssertEqual(none.n, 0)
        XCTAssertNil(none.mean)
        XCTAssertNil(none.median)

        XCTAssertTrue(Descriptive.quantile([], 0.5).isNaN)
        XCTAssertTrue(Descriptive.quantile([1, 2], 1.5).isNaN)

        let (counts, missing) = Descriptive.counts(codes: [0, 1, 1, -1, 1, 7], levels: ["a", "b", "c"])
        XCTAssertEqual(counts.map(\.count), [1, 3, 0])
        XCTAssertEqual(missing, 2)
        XCTAssertEqual(counts[1].percent ?? 0, 75, accuracy: 1e-12)
        let (empty, allMissing) = Descriptive.counts(codes: [-1], levels: ["a"])
        XCTAssertNil(empty[0].percent)
        XCTAssertEqual(allMissing, 1)
    }
}

/// Grouped summaries from one sort per group agree with summarising each group and the whole on its own,
/// and with the Kruskal–Wallis test on the raw values (which is checked against R).
final class GroupedNumbersTests: XCTestCase {
    func testAgreesWithSummariesAndTheTestDoneSeparately() throws {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<20 {
            let groupCount = 2 + trial % 4
            // Rounded values give ties, as real data have them.
            let samples = (0..<groupCount).map { g in
                (0..<(1 + Int.random(in: 0..<60, using: &generator))).map { _ in (Double.random(in: 0..<10, using: &generator) + Double(g)).rounded() }
            }
            let result = GroupedNumbers.summarize(samples, missing: samples.indices.map { $0 })
            for (g, sample) in samples.enumerated() {
                XCTAssertEqual(result.groups[g], Descriptive.summarize(sample, missing: g))
            }
            let everything = samples.flatMap { $0 }
            let whole = Descriptive.summarize(everything, missing: samples.indices.reduce(0, +))
            XCTAssertEqual(result.all.median, whole.median)
            XCTAssertEqual(result.all.q1, whole.q1)
            XCTAssertEqual(result.all.q3, whole.q3)
            XCTAssertEqual(result.all.n, whole.n)
            XCTAssertEqual(result.all.missing, whole.missing)
            XCTAssertEqual(result.all.mean ?? .nan, whole.mean ?? .nan, accuracy: 1e-9)
            let labels = samples.enumerated().flatMap { g, s in [Int](repeating: g, count: s.count) }
            let direct = try RankTests.kruskalWallis(values: everything, groups: labels)
            let merged = try XCTUnwrap(result.kruskalWallis)
            XCTAssertEqual(merged.chisq, direct.chisq, accuracy: 1e-9 * max(1, direct.chisq))
            XCTAssertEqual(merged.df, direct.df)
        }
    }

    /// Large samples are sorted by the radix sort: the same order as a comparison sort, on negative and
    /// positive values, both zeros, infinities and ties.
    func testTheRadixSortOfALargeSampleAgreesWithSorted() {
        var generator = SystemRandomNumberGenerator()
        for count in [511, 512, 5_000] {
            var values = (0..<count).map { _ in (Double.random(in: -1e6..<1e6, using: &generator) / 1_000).rounded() / 7 }
            values += [0, -0.0, .infinity, -.infinity, 1e-310, -1e-310, .greatestFiniteMagnitude]
            values.shuffle(using: &generator)
            let radix = GroupedNumbers.ascending(values)
            XCTAssertEqual(radix.count, values.count)
            XCTAssertTrue(zip(radix, values.sorted()).allSatisfy { $0 == $1 })
        }
    }

    func testDegenerateGroups() {
        XCTAssertNil(GroupedNumbers.summarize([[1, 2, 3]], missing: [0]).kruskalWallis, "one group")
        XCTAssertNil(GroupedNumbers.summarize([[1, 2], []], missing: [0, 3]).kruskalWallis, "one group with values")
        XCTAssertNil(GroupedNumbers.summarize([[2, 2], [2]], missing: [0, 0]).kruskalWallis, "all values equal")
        XCTAssertEqual(GroupedNumbers.summarize([[], []], missing: [1, 1]).all.n, 0)
    }
}
