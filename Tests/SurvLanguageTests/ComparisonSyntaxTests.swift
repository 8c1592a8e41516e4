import XCTest
import SurvCore
@testable import SurvLanguage

/// Syntax and checks of `rmst`, `km quantile`, `chisq`, `wilcoxon` and `kruskal`.
final class ComparisonSyntaxTests: XCTestCase {
    let context = CheckContext(columns: [("time", .number), ("status", .number), ("sex", .text), ("age", .number)],
                               datasetLoaded: true, bundledDatasets: ["aml", "lung"], endpointNames: ["os"],
                               hasCurrentEndpoint: true, hasCoxModel: false)

    func parse(_ line: String) throws -> [Command] { try Parser.parseLine(line).map(\.command) }

    func parseError(_ line: String) -> Diagnostic? {
        do { _ = try Parser.parseLine(line); return nil } catch { return error }
    }

    func check(_ line: String, _ context: CheckContext? = nil) throws -> Plan {
        guard let first = try Parser.parseLine(line).first else { throw Diagnostic("empty") }
        return try Checker(context: context ?? self.context).check(first.command)
    }

    func checkError(_ line: String, _ context: CheckContext? = nil) -> Diagnostic? {
        do { _ = try check(line, context); return nil } catch let d as Diagnostic { return d } catch { return nil }
    }

    func testNewCommandsParseAndCheck() throws {
        XCTAssertEqual(try parse("rmst at 365"), [.restrictedMean(tau: 365)])
        XCTAssertEqual(try check("rmst at 36.5"), .restrictedMean(tau: 36.5))
        XCTAssertEqual(try parse("km quantile 0.25, 0.75"), [.kaplanMeierQuantiles([0.25, 0.75])])
        XCTAssertEqual(try check("km quantile 0.1"), .kaplanMeierQuantiles([0.1]))
        XCTAssertEqual(try check("chisq sex by status"), .chisq("sex", by: "status", correct: true))
        XCTAssertEqual(try check("chisq sex by status correct"), .chisq("sex", by: "status", correct: true))
        XCTAssertEqual(try check("chisq sex by status nocorrect"), .chisq("sex", by: "status", correct: false))
        XCTAssertEqual(try check("wilcoxon age by sex"), .wilcoxon("age", by: "sex"))
        XCTAssertEqual(try check("kruskal age by status"), .kruskal("age", by: "status"))
        XCTAssertEqual(try parse("KRUSKAL age BY sex").count, 1, "command words are case-insensitive")
    }

    func testParseErrorsPointAtTheToken() {
        let noAt = parseError("rmst 365")
        XCTAssertEqual(noAt?.message, "expected 'at', found the number 365")
        XCTAssertEqual(noAt?.hint, "rmst at TAU, e.g. rmst at 365")
        XCTAssertEqual(noAt?.range?.start, 5)
        XCTAssertEqual(parseError("rmst at")?.message, "expected a time horizon, e.g. 365, found the end of the command")
        XCTAssertEqual(parseError("rmst at 10, 20")?.message, "unexpected ',' after the end of the command")
        XCTAssertEqual(parseError("km quantile")?.message, "expected a probability, e.g. 0.25, found the end of the command")
        XCTAssertEqual(parseError("km quantile 0.25, x")?.range?.start, 18)
        let option = parseError("chisq sex by status yates")
        XCTAssertEqual(option?.message, "expected 'correct', 'nocorrect' or the end of the command, found 'yates'")
        XCTAssertEqual(option?.range?.start, 20)
        XCTAssertEqual(parseError("chisq sex status")?.message, "expected 'by', found 'status'")
        XCTAssertEqual(parseError("wilcoxon age")?.hint, "wilcoxon X by GROUP")
        XCTAssertEqual(parseError("kruskal age by")?.message, "expected a column of groups, found the end of the command")
        XCTAssertEqual(parseError("rmts at 3")?.hint, "did you mean 'rmst'?")
    }

    func testCheckErrors() {
        XCTAssertEqual(checkError("rmst at 0")?.message, "the restricted-mean horizon must be a time after 0, not 0")
        XCTAssertEqual(checkError("rmst at -5")?.message, "the restricted-mean horizon must be a time after 0, not -5")
        XCTAssertEqual(checkError("km quantile 0.5, 1")?.message, "a quantile's probability must be between 0 and 1, not 1")
        XCTAssertEqual(checkError("km quantile 25")?.message, "a quantile's probability must be between 0 and 1, not 25")
        let noEndpoint = CheckContext(columns: [("time", .number)], datasetLoaded: true)
        XCTAssertEqual(checkError("rmst at 10", noEndpoint)?.message, "no endpoint is declared")
        XCTAssertEqual(checkError("km quantile 0.5", noEndpoint)?.message, "no endpoint is declared")
        let text = checkError("wilcoxon sex by status")
        XCTAssertEqual(text?.message, "the compared column must be numeric, but 'sex' holds text")
        XCTAssertEqual(text?.range?.start, 9)
        XCTAssertEqual(checkError("kruskal age by sx")?.hint, "did you mean 'sex'?")
        XCTAssertEqual(checkError("chisq sexx by status")?.range?.start, 6)
        XCTAssertEqual(checkError("chisq sex by status", CheckContext(columns: [], datasetLoaded: false))?.message, "no dataset is loaded")
    }

    func testCatalogListsTheNewCommands() {
        for name in ["rmst", "chisq", "wilcoxon", "kruskal"] {
            XCTAssertNotNil(CommandCatalog.entry(named: name), name)
        }
        XCTAssertTrue(CommandCatalog.entry(named: "km")?.usage.contains("km quantile P") ?? false)
    }
}
