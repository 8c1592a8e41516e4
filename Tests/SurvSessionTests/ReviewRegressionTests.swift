import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvLanguage
import SurvRender
@testable import SurvSession

/// Inputs that once crashed, hung or misled: each now gives a clear error or the right answer.
final class ReviewRegressionTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-regress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func session() -> Session { Session(baseDirectory: folder) }

    func outcome(_ s: Session, _ line: String) -> Result<Report, Diagnostic>? { s.run(line: line).last?.result }

    func error(_ s: Session, _ line: String) -> Diagnostic? {
        if case .failure(let d)? = outcome(s, line) { return d }
        return nil
    }

    /// A file where `g` has a different value on each of 300 rows.
    func manyGroups() throws -> Session {
        var csv = "time,status,g,n\n"
        for i in 0..<300 { csv += "\(i % 50 + 1),\(i % 2),id\(i),\(i)\n" }
        try csv.write(to: folder.appendingPathComponent("many.csv"), atomically: true, encoding: .utf8)
        let s = session()
        _ = s.run(line: "load \"many.csv\"; endpoint time, status")
        return s
    }

    // Loading, naming the loaded columns and checking a command against them were each quadratic in the
    // number of columns.
    func testHundredThousandColumnsLoadAndCheckInLinearTime() throws {
        let count = 100_000
        let header = (0..<count).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<count).map { "\($0 % 2)" }.joined(separator: ",")
        try "\(header)\n\(row)\n\(row)\n".write(to: folder.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        let s = session()
        guard case .success(.message(let loaded))? = outcome(s, "load \"wide.csv\"") else { return XCTFail("not loaded") }
        XCTAssertTrue(loaded.hasPrefix("loaded wide.csv: 2 rows, 100000 columns:\n  c0, c1,"), String(loaded.prefix(80)))
        XCTAssertTrue(loaded.hasSuffix(" c99999"))
        XCTAssertNil(error(s, "endpoint c99998, c99999"))
        XCTAssertEqual(error(s, "stratify by c999999")?.hint?.hasPrefix("did you mean 'c99999'"), true)
    }

    func testTooManyStrataIsRefusedNotAllocated() throws {
        let s = try manyGroups()
        XCTAssertEqual(error(s, "stratify by g")?.message, "g gives 300 groups; at most 100 can be compared")
        XCTAssertEqual(s.strata, [])
        XCTAssertNotNil(error(s, "stratify by n"))
    }

    func testTablesAndCoxRefuseColumnsWithTooManyValues() throws {
        let s = try manyGroups()
        XCTAssertEqual(error(s, "fisher g by status")?.message, "'g' has 300 distinct values, too many for a table")
        XCTAssertEqual(error(s, "tab g")?.message, "'g' has 300 distinct values, too many for a table")
        XCTAssertNotNil(error(s, "cox g"))
    }

    func testALongFlatChainOfOperatorsIsAnErrorNotAStackOverflow() {
        let s = session()
        _ = s.run(line: "load aml")
        let chain = "let y = " + Array(repeating: "time", count: 10_000).joined(separator: " + ")
        XCTAssertEqual(error(s, chain)?.message, "expression too long (more than 256 operators)")
        let conditions = "where " + Array(repeating: "time > 1", count: 5_000).joined(separator: " and ")
        XCTAssertEqual(error(s, conditions)?.message, "expression too long (more than 256 operators)")
    }

    func testOneTwoEventCodingIsReadOffTheWholeColumn() {
        let s = session()
        _ = s.run(line: "load lung; endpoint time, status; where status == 1")
        guard case .success(.kaplanMeier(let km))? = outcome(s, "km") else { return XCTFail("km failed") }
        XCTAssertEqual(km.strata.first?.curve.events, 0, "status 1 means censored in lung, even when only 1s are kept")
        XCTAssertNil(km.strata.first?.curve.median.estimate)
    }

    func testPhtestReportsTheConventionsItsModelWasFittedUnder() {
        let s = session()
        _ = s.run(line: "load lung; endpoint time, status; cox age + sex; set profile stata")
        guard case .success(.phtest(let ph))? = outcome(s, "phtest") else { return XCTFail("phtest failed") }
        XCTAssertEqual(ph.conventions.ties, .efron)
        XCTAssertEqual(ph.conventions.profile, "r")
    }

    func testConfidenceLevelsPrintCleanly() {
        XCTAssertEqual(NumberFormat.percent(0.95), "95%")
        XCTAssertEqual(NumberFormat.percent(0.57), "57%")
        XCTAssertEqual(NumberFormat.percent(0.999), "99.9%")
        XCTAssertEqual(NumberFormat.percent(0.9), "90%")
        let s = session()
        guard case .success(.message(let text))? = outcome(s, "set level 57") else { return XCTFail() }
        XCTAssertTrue(text.contains("CI log 57%"), text)
        XCTAssertNotNil(error(s, "set level 1e-300"))
        XCTAssertNotNil(error(s, "set level 0.99999"))
    }

    func testNumericLabelsUseFifteenSignificantDigits() {
        XCTAssertEqual(NumberText.short(0.1 * 3), "0.3")
        XCTAssertEqual(NumberText.short(12), "12")
        let s = session()
        _ = s.run(line: "load aml; endpoint time, status; let y = if(x == \"Maintained\", 3, 1) * 0.1; stratify by y")
        guard case .success(.kaplanMeier(let km))? = outcome(s, "km") else { return XCTFail() }
        XCTAssertEqual(km.strata.map(\.label), ["y=0.1", "y=0.3"])
    }

    func testDescribeOfAnAllMissingColumnPrintsNA() throws {
        try "a,b\n1,\n2,\n".write(to: folder.appendingPathComponent("empty.csv"), atomically: true, encoding: .utf8)
        let s = session()
        _ = s.run(line: "load \"empty.csv\"")
        guard case .success(let report)? = outcome(s, "describe b") else { return XCTFail() }
        let text = TextRenderer().render(report)
        XCTAssertTrue(text.contains("NA  NA      NA   NA     NA"), text)
        XCTAssertFalse(text.contains("NR"))
    }

    func testReplacingAnEndpointColumnWithValuesThatDoNotFitIsRefused() {
        let s = session()
        _ = s.run(line: "load aml; endpoint time, status")
        let before = s.stateReport
        XCTAssertNotNil(error(s, "let status = status * 3"))
        XCTAssertEqual(s.stateReport, before)
        guard case .success? = outcome(s, "km") else { return XCTFail("the endpoint still works") }
        guard case .success? = outcome(s, "let time = time * 2") else { return XCTFail("a valid replacement is allowed") }
    }

    func testCoxRefusesAstronomicalCovariates() throws {
        try "time,status,x\n1,1,1e300\n2,0,2e300\n3,1,3\n4,1,4\n".write(to: folder.appendingPathComponent("huge.csv"), atomically: true, encoding: .utf8)
        let s = session()
        _ = s.run(line: "load \"huge.csv\"; endpoint time, status")
        XCTAssertEqual(error(s, "cox x")?.message, "'x' is 1e+300 in row 1, too large for a Cox model")
    }
}

/// `set profile stata` reads medians as Stata's stci does (smallest time with S ≤ 0.5), R's profile as
/// quantile.survfit does (the midpoint where S sits exactly at 0.5).
final class QuantileRuleTests: XCTestCase {
    func testMedianWhereTheCurveSitsAtOneHalf() throws {
        // Four deaths at 1, 2, 3, 4: S = 0.75, 0.5, 0.25, 0. S is exactly 0.5 on [2, 3).
        let curve = try KaplanMeierCurve.fit(time: [1, 2, 3, 4], event: [true, true, true, true])
        XCTAssertEqual(curve.quantile(0.5, rule: .r).estimate, 2.5)
        XCTAssertEqual(curve.quantile(0.5, rule: .smallestTime).estimate, 2)
        // Where S never sits exactly at 0.5 the rules agree.
        let other = try KaplanMeierCurve.fit(time: [1, 2, 3], event: [true, true, true])
        XCTAssertEqual(other.quantile(0.5, rule: .r).estimate, other.quantile(0.5, rule: .smallestTime).estimate)
    }

    func testTheStataProfileUsesStataMedians() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-q-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "t,d\n1,1\n2,1\n3,1\n4,1\n".write(to: folder.appendingPathComponent("q.csv"), atomically: true, encoding: .utf8)
        let s = Session(baseDirectory: folder)
        _ = s.run(line: "load \"q.csv\"; endpoint t, d")
        guard case .success(.kaplanMeier(let r))? = s.run(line: "km").last?.result else { return XCTFail() }
        XCTAssertEqual(r.strata.first?.median.estimate, 2.5)
        guard case .success(.kaplanMeier(let stata))? = s.run(line: "set profile stata; km").last?.result else { return XCTFail() }
        XCTAssertEqual(stata.strata.first?.median.estimate, 2)
        XCTAssertEqual(stata.conventions.profile, "stata")
        _ = s.run(line: "set ci log; set ties efron")
        XCTAssertEqual(s.settings.profileName, "custom", "R's CI and ties with Stata's median rule is neither profile")
    }
}
