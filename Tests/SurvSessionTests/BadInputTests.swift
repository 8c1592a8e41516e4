import Foundation
import XCTest
import SurvLanguage
@testable import SurvSession

/// Malformed and hostile command lines: each gives exactly one clear error, the session keeps its state,
/// and nothing traps.
final class BadInputTests: XCTestCase {
    /// A session with data, an endpoint, a filter and strata, so that there is state to lose.
    func preparedSession() -> Session {
        let session = Session()
        for line in ["load aml", "endpoint time, status", "where time < 200", "stratify by x", "let t2 = time * 2"] {
            for outcome in session.run(line: line) {
                if case .failure(let d) = outcome.result { XCTFail("setup '\(line)': \(d.message)") }
            }
        }
        return session
    }

    static let hostileLines: [String] = [
        "load \"unterminated",
        "frobnicate",
        "kmm",
        "stratify by nosuchcolumn",
        "stratify by",
        "stratify x",
        "cox",
        "cox nosuch + x",
        "cox x - time",
        "cox x + strata(x)",
        "cox time + time",
        "cox time*2",
        "cox time^2",
        "cox (time)",
        "cox time / 2",
        "cox x*x",
        "cox time*x*time",
        "cox factor(x, ref = 3)",
        "cox factor(time, ref = \"none\")",
        "cox factor(x, ref = \"nosuch\")",
        "cox strata(x) + strata(x)",
        "cox time*strata(x)",
        "cox time*x*status*time",
        "set ref x 2",
        "set ref x \"nosuch\"",
        "set ref time \"a\"",
        "let y = factor(time)",
        "cox strata(x, time)",
        "where nosuch > 1",
        "where x > 1",
        "where time > 100000",
        "where time = 3",
        "where time",
        "where (time > 1",
        "where time > 1)",
        "where x in (1, 2)",
        "where time in (\"a\")",
        "let",
        "let = 3",
        "let y =",
        "let y = time / 0",
        "let y = time / (time - time)",
        "let y = log(time - 1000)",
        "let y = sqrt(0 - time)",
        "let y = exp(time * 1000)",
        "let y = x + 1",
        "let y = unknownfn(time)",
        "let y = log(time, 2)",
        "let y = cut(time)",
        "let y = cut(time, 10, 5)",
        "let y = if(time > 1, \"a\", 2)",
        "let y = strata(x)",
        "endpoint x, status",
        "endpoint time, nosuch",
        "endpoint nosuch",
        "endpoint km = time, status",
        "endpoint time, t2",
        "km at",
        "km at -1",
        "km at x",
        "km table extra",
        "logrank nonsense",
        "phtest",
        "describe nosuch",
        "tab",
        "tab nosuch",
        "tab t2 by",
        "fisher x",
        "fisher x by nosuch",
        "rmst",
        "rmst at",
        "rmst at 0",
        "rmst at 100000",
        "km quantile",
        "km quantile 0, 1",
        "chisq x",
        "chisq x by status maybe",
        "wilcoxon x by status",
        "wilcoxon time by nosuch",
        "kruskal time",
        "kruskal time by",
        "set",
        "set ci",
        "set ci sideways",
        "set ties exact",
        "set level 0",
        "set level 1.5",
        "set digits 0",
        "set digits 2.5",
        "set profile spss",
        "set colour red",
        "help nosuch",
        "save",
        "save nosuch",
        "save \"\"",
        "load \"/nonexistent/file.csv\"",
        "load nosuchdataset",
        "load \"\"",
        "title",
        "'single quotes'",
        "x & y",
        "km; frobnicate",
        "km ;; logrank extra",
        "123",
        "\"just a string\"",
        "(",
        ")",
        "tab `x",
        "tab ``",
        "tab `nosuch`",
        "`km`",
        "stset time, status",
        "sts graph",
        "coxph(Surv(time, status) ~ x)",
        "quit",
        "km by x",
        "km at 12 24",
        "km quantile 0.25 0.75",
        "logrank by x",
        "where x == “nosuch”",
        "where x == ‘Maintained’",
        "where x == \"maintained\"",
        "where " + String(repeating: "(", count: 10_000),
        String(repeating: "a", count: 10_000),
        "km at " + Array(repeating: "1", count: 3_000).joined(separator: ",") + ", x",
        "where time > " + String(repeating: "9", count: 400),
        "load \u{0}\u{1}\u{2}",
        "km \u{7f}\u{1b}[31m",
        "where x == \"\u{FFFD}\"",
        String(decoding: [0xff, 0xfe, 0x6b, 0x6d] as [UInt8], as: UTF8.self),
        String(decoding: [0xc3, 0x28] as [UInt8], as: UTF8.self),
    ]

    func testEachHostileLineGivesOneErrorAndKeepsState() {
        XCTAssertGreaterThanOrEqual(Self.hostileLines.count, 50)
        for line in Self.hostileLines {
            let session = preparedSession()
            let before = session.stateReport
            let columnsBefore = session.checkContext.columns.map(\.name)
            let outcomes = session.run(line: line)
            let failures = outcomes.compactMap { outcome -> Diagnostic? in
                if case .failure(let d) = outcome.result { return d }
                return nil
            }
            XCTAssertEqual(failures.count, 1, "'\(line.prefix(60))' should fail exactly once, got \(outcomes.map(\.result))")
            for failure in failures {
                XCTAssertFalse(failure.message.isEmpty)
                XCTAssertNotNil(failure.range, "'\(line.prefix(60))': the error has no position")
            }
            // Commands on the line before a failing one may have run; state must match running only those.
            if outcomes.count == 1 {
                XCTAssertEqual(session.stateReport, before, "'\(line.prefix(60))' changed the session state")
                XCTAssertEqual(session.checkContext.columns.map(\.name), columnsBefore)
            }
        }
    }

    func testErrorsPointAtTheirToken() {
        let session = preparedSession()
        guard case .failure(let d)? = session.run(line: "stratify by xx").first?.result else { return XCTFail() }
        XCTAssertEqual(d.range?.start, 12)
        XCTAssertEqual(d.hint, "did you mean 'x'?")
        XCTAssertEqual(d.formatted(source: "stratify by xx", file: "s.surv", line: 4),
                       "s.surv:4:13: error: unknown column 'xx'\n  stratify by xx\n              ^^\n  hint: did you mean 'x'?")
    }

    func testDivisionByZeroNamesTheRow() {
        let session = preparedSession()
        guard case .failure(let d)? = session.run(line: "let y = time / (time - 9)").first?.result else { return XCTFail() }
        XCTAssertEqual(d.message, "division by zero in row 1")
    }

    func testFilterThatKeepsNoRowsIsNotApplied() {
        let session = preparedSession()
        let kept = session.stateReport.kept
        _ = session.run(line: "where time > 1e9")
        XCTAssertEqual(session.stateReport.kept, kept)
    }
}
