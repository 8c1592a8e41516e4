import XCTest
@testable import SurvLanguage

/// `about [DATASET]`: parsed, checked against the bundled data sets, completed with their names.
final class AboutSyntaxTests: XCTestCase {
    func testParses() throws {
        XCTAssertEqual(try Parser.parseLine("about graall").map(\.command), [.about(Name("graall", SourceRange(start: 6, end: 12)))])
        XCTAssertEqual(try Parser.parseLine("about").map(\.command), [.about(nil)])
        XCTAssertThrowsError(try Parser.parseLine("about graall lung"))
        XCTAssertThrowsError(try Parser.parseLine("about \"graall.csv\""))
    }

    func testChecksTheName() throws {
        let checker = Checker(context: CheckContext(bundledDatasets: ["aml", "graall"]))
        XCTAssertEqual(try checker.check(.about(Name("graall", SourceRange(start: 6, end: 12)))), .about("graall"))
        XCTAssertEqual(try checker.check(.about(nil)), .about(nil))
        XCTAssertThrowsError(try checker.check(.about(Name("graal", SourceRange(start: 6, end: 11))))) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "no bundled dataset named 'graal'")
            XCTAssertEqual((error as? Diagnostic)?.hint, "did you mean 'graall'?")
        }
    }

    func testCompletesDatasetNames() {
        XCTAssertEqual(CompletionGrammar.slot(before: "about "), .dataset)
        XCTAssertEqual(CompletionGrammar.slot(before: "about graall "), .nothing)
    }

    func testIsInTheCatalog() {
        XCTAssertEqual(CommandCatalog.entry(named: "about")?.example, "about graall")
    }
}
