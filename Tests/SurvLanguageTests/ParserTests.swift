import XCTest
@testable import SurvLanguage

final class ParserTests: XCTestCase {
    func parse(_ line: String) throws -> [Command] {
        try Parser.parseLine(line).map(\.command)
    }

    func diagnostic(_ line: String) -> Diagnostic? {
        do { _ = try Parser.parseLine(line); return nil } catch { return error }
    }

    func testEveryCommandParses() throws {
        XCTAssertEqual(try parse("load aml"), [.loadBundled(Name("aml", SourceRange(start: 5, end: 8)))])
        XCTAssertEqual(try parse("load \"data/x.csv\"").count, 1)
        XCTAssertEqual(try parse("endpoint time, status").count, 1)
        XCTAssertEqual(try parse("endpoint os = time, status").count, 1)
        XCTAssertEqual(try parse("endpoint os").count, 1)
        XCTAssertEqual(try parse("where all"), [.filterClear])
        XCTAssertEqual(try parse("where age > 60 and sex in (\"M\", \"F\")").count, 1)
        XCTAssertEqual(try parse("let g = cut(x, 0.1, 1)").count, 1)
        XCTAssertEqual(try parse("stratify by a, b"), [.stratify([Name("a", SourceRange(start: 12, end: 13)), Name("b", SourceRange(start: 15, end: 16))])])
        XCTAssertEqual(try parse("stratify none"), [.stratifyNone])
        XCTAssertEqual(try parse("km"), [.kaplanMeier(times: [])])
        XCTAssertEqual(try parse("km at 12, 24.5"), [.kaplanMeier(times: [12, 24.5])])
        XCTAssertEqual(try parse("km table"), [.kaplanMeierTable])
        XCTAssertEqual(try parse("km at 12, 24 wide"), [.kaplanMeierWide(times: [12, 24])])
        XCTAssertEqual(try parse("logrank trend"), [.logrank(trend: true, rho: nil)])
        XCTAssertEqual(try parse("logrank rho 1"), [.logrank(trend: false, rho: 1)])
        XCTAssertEqual(try parse("phtest; followup; show"), [.phtest, .followup, .show])
        XCTAssertEqual(try parse("describe"), [.describe([])])
        XCTAssertEqual(try parse("tab a by b").count, 1)
        XCTAssertEqual(try parse("fisher a by b").count, 1)
        XCTAssertEqual(try parse("set ci log-log").count, 1)
        XCTAssertEqual(try parse("help km").count, 1)
        XCTAssertEqual(try parse("save \"x.surv.md\"").count, 1)
    }

    func testCoxTermsKeepTheirText() throws {
        guard case .cox(let terms)? = try parse("cox age + log(bili) + sex").first else { return XCTFail("not a cox command") }
        XCTAssertEqual(terms.flatMap(\.variables).map(\.text), ["age", "log(bili)", "sex"])
    }

    func testSemicolonsSplitCommandsAndKeepSources() throws {
        let commands = try Parser.parseLine("load aml;  km ; logrank")
        XCTAssertEqual(commands.map(\.source), ["load aml", "km", "logrank"])
    }

    func testStringsMayHoldSemicolonsAndHashes() throws {
        guard case .loadFile(let path, _)? = try parse("load \"a;b#c.csv\"").first else { return XCTFail() }
        XCTAssertEqual(path, "a;b#c.csv")
    }

    func testPrecedence() throws {
        let e = try Parser.parseExpression("1 + 2 * 3 ^ 2 > 10 and not x == 1 or y")
        guard case .binary(.or, .binary(.and, .binary(.greater, _, _, _), .unary(.not, _, _), _), .name("y", _), _) = e else {
            return XCTFail("unexpected tree \(e)")
        }
    }

    func testUnknownCommandSuggestsTheClosest() {
        let d = diagnostic("lgrank")
        XCTAssertEqual(d?.message, "unknown command 'lgrank'")
        XCTAssertEqual(d?.hint, "did you mean 'logrank'?")
        XCTAssertEqual(d?.range?.location, SourceLocation(line: 1, column: 1))
    }

    func testUnterminatedStringPointsAtTheQuote() {
        let d = diagnostic("load \"data.csv")
        XCTAssertEqual(d?.message, "unterminated string")
        XCTAssertEqual(d?.range?.start, 5)
    }

    func testCoxWithoutTerms() {
        XCTAssertEqual(diagnostic("cox")?.message, "cox needs at least one term")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let line = "where " + String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        XCTAssertEqual(diagnostic(line)?.message, "expression nested too deeply")
        let powers = "let y = " + Array(repeating: "2", count: 3000).joined(separator: "^")
        XCTAssertEqual(diagnostic(powers)?.message, "expression nested too deeply")
        let negations = "where " + String(repeating: "not ", count: 3000) + "x"
        XCTAssertEqual(diagnostic(negations)?.message, "expression nested too deeply")
    }

    func testAssignInsteadOfCompare() {
        XCTAssertEqual(diagnostic("where x = 1")?.message, "'=' assigns; to compare use '=='")
    }

    func testFormattedDiagnosticHasCaretUnderTheToken() {
        guard let d = diagnostic("km at 12, x") else { return XCTFail() }
        XCTAssertEqual(d.formatted(source: "km at 12, x", file: "a.surv", line: 3),
                       "a.surv:3:11: error: expected a time, found 'x'\n  km at 12, x\n            ^")
    }
}
