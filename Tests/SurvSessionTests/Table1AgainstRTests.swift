import Foundation
import SurvCore
import SurvResults
import XCTest
@testable import SurvSession

/// `table1` gives R's numbers: quantiles of type 7 per group and overall, counts per level, and the p-value
/// of the test gtsummary's add_p() picks (Reference/session.R).
final class Table1AgainstRTests: SessionReferenceTestCase {
    func table1(_ setup: String, _ command: String) throws -> Table1Report {
        let s = Session()
        _ = try report(s, setup)
        guard case .table1(let r) = try report(s, command) else { throw XCTSkip("not a table1") }
        return r
    }

    func checkNumeric(_ v: Table1Variable, _ reference: [String: Any], groups: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard case .numeric(let summaries) = v.summary else { return XCTFail("\(v.name) is not numeric", file: file, line: line) }
        XCTAssertEqual(summaries.count, groups.count, file: file, line: line)
        for (s, group) in zip(summaries, groups) {
            guard let ref = reference[group] as? [String: Any] else { return XCTFail("no \(group) in R's values", file: file, line: line) }
            func r(_ key: String) -> Double { ((ref[key] as? [Any])?.first as? NSNumber)?.doubleValue ?? .nan }
            XCTAssertEqual(Double(s.n), r("n"), "\(v.name) \(group) n", file: file, line: line)
            XCTAssertEqual(Double(s.missing), r("missing"), "\(v.name) \(group) missing", file: file, line: line)
            close(s.median, r("median"), "\(v.name) \(group) median", file: file, line: line)
            close(s.q1, r("q1"), "\(v.name) \(group) q1", file: file, line: line)
            close(s.q3, r("q3"), "\(v.name) \(group) q3", file: file, line: line)
            close(s.min, r("min"), "\(v.name) \(group) min", file: file, line: line)
            close(s.max, r("max"), "\(v.name) \(group) max", file: file, line: line)
        }
    }

    func p(_ section: String, _ key: String) throws -> Double {
        try XCTUnwrap(numbers(section, key).first, "\(section).\(key)")
    }

    func testTwoGroupsWithOverall() throws {
        let r = try table1("load lung", "table1 age, ph.ecog, wt.loss by sex overall")
        XCTAssertEqual(r.groups.map(\.label), ["sex=1", "sex=2", "All"])
        XCTAssertEqual(r.groups.map(\.n), [138, 90, 228])
        let ref = try section("table1_lung")
        checkNumeric(r.variables[0], try XCTUnwrap(ref["age"] as? [String: Any]), groups: ["1", "2", "All"])
        XCTAssertEqual(r.variables[0].test, .wilcoxon)
        close(r.variables[0].p, try p("table1_lung", "age_p"), "age p")
        checkNumeric(r.variables[2], try XCTUnwrap(ref["wt_loss"] as? [String: Any]), groups: ["1", "2", "All"])
        close(r.variables[2].p, try p("table1_lung", "wt_loss_p"), "wt.loss p")
        // ph.ecog has 4 distinct values: categories; an expected count below 5 makes it Fisher's test.
        guard case .categorical(let levels, let missing) = r.variables[1].summary else { return XCTFail("ph.ecog is not categorical") }
        let counts = try XCTUnwrap(ref["ecog_counts"] as? [[NSNumber]]).map { $0.map(\.intValue) }
        XCTAssertEqual(levels.map(\.level), ["0", "1", "2", "3"])
        XCTAssertEqual(levels.map { Array($0.counts.prefix(2)) }, counts)
        XCTAssertEqual(levels.map { $0.counts[2] }, counts.map { $0.reduce(0, +) }, "All is the sum of the groups")
        XCTAssertEqual(missing, [1, 0, 1])
        XCTAssertLessThan(try p("table1_lung", "ecog_expected_min"), 5)
        XCTAssertEqual(r.variables[1].test, .fisher)
        close(r.variables[1].p, try p("table1_lung", "ecog_p"), "ph.ecog p")
        let percent = try XCTUnwrap(levels[0].percents[0])
        close(percent, 100 * 36 / 137, "percent of the non-missing rows")
    }

    func testThreeGroups() throws {
        let r = try table1("load colon", "table1 age, sex, nodes by rx")
        XCTAssertEqual(r.groups.map(\.label), ["rx=Obs", "rx=Lev", "rx=Lev+5FU"])
        let ref = try section("table1_colon")
        checkNumeric(r.variables[0], try XCTUnwrap(ref["age"] as? [String: Any]), groups: ["Obs", "Lev", "Lev+5FU"])
        XCTAssertEqual(r.variables[0].test, .kruskal)
        close(r.variables[0].p, try p("table1_colon", "age_p"), "age p")
        checkNumeric(r.variables[2], try XCTUnwrap(ref["nodes"] as? [String: Any]), groups: ["Obs", "Lev", "Lev+5FU"])
        close(r.variables[2].p, try p("table1_colon", "nodes_p"), "nodes p")
        guard case .categorical(let levels, _) = r.variables[1].summary else { return XCTFail("sex is not categorical") }
        let counts = try XCTUnwrap(ref["sex_counts"] as? [[NSNumber]]).map { $0.map(\.intValue) }
        XCTAssertEqual(levels.map(\.counts), counts)
        XCTAssertEqual(r.variables[1].test, .chisq)
        close(r.variables[1].p, try p("table1_colon", "sex_p"), "sex p")
    }

    func testMistakesAreRefusedByName() {
        let s = Session()
        _ = s.run(line: "load lung")
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).first?.result else { return nil }
            return d.message
        }
        XCTAssertEqual(message("table1 age, age by sex"), "'age' is listed twice")
        XCTAssertEqual(message("table1 age, sex by sex"), "'sex' is both a row and the groups")
        XCTAssertEqual(message("table1 age overall"), "'overall' adds an All column beside the groups of 'by'")
        XCTAssertEqual(message("table1 agee"), "unknown column 'agee'")
    }
}
