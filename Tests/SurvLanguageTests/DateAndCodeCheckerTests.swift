import XCTest
import SurvCore
@testable import SurvLanguage

/// Dates and labelled columns in expressions: what type each expression has, and what is refused.
final class DateAndCodeCheckerTests: XCTestCase {
    let context = CheckContext(schema: ColumnSchema([("diag", .date), ("last", .date), ("age", .number), ("arm", .text), ("sex", .text)],
                                                    coded: ["arm"]),
                               datasetLoaded: true, hasCurrentEndpoint: true)

    private func typed(_ source: String) throws -> TypedExpression {
        let parsed = try Parser.parseLine("let x = \(source)")
        guard case .derive(_, let expression)? = try parsed.first.map({ try Checker(context: context).check($0.command) }) else {
            throw Diagnostic("not a let")
        }
        return expression
    }

    private func condition(_ source: String) throws -> TypedExpression {
        let parsed = try Parser.parseLine("where \(source)")
        guard case .filter(let expression)? = try parsed.first.map({ try Checker(context: context).check($0.command) }) else {
            throw Diagnostic("not a where")
        }
        return expression
    }

    private func error(_ line: String) -> Diagnostic? {
        do {
            for parsed in try Parser.parseLine(line) { _ = try Checker(context: context).check(parsed.command) }
            return nil
        } catch let d as Diagnostic { return d } catch { return nil }
    }

    func testDateArithmetic() throws {
        XCTAssertEqual(try typed("last - diag").type, .number)
        XCTAssertEqual(try typed("diag + 90").type, .date)
        XCTAssertEqual(try typed("90 + diag").type, .date)
        XCTAssertEqual(try typed("diag - 1").type, .date)
        XCTAssertEqual(try typed("(last - diag) / 365.25").type, .number)
        XCTAssertEqual(try typed("year(diag)").type, .number)
        XCTAssertEqual(try typed("month(diag + 31)").type, .number)
        XCTAssertEqual(try typed("date(\"2014-01-01\")"), .dateValue(16_071))
        XCTAssertEqual(try typed("if(age > 60, diag, last)").type, .date)
        XCTAssertEqual(error("let x = diag + last")?.message,
                       "dates can be subtracted from each other (giving days) or moved by a number of days, not added together")
        XCTAssertNotNil(error("let x = diag * 2"))
        XCTAssertNotNil(error("let x = 5 - diag"))
        XCTAssertNotNil(error("let x = log(diag)")?.hint)
        XCTAssertNotNil(error("let x = year(age)"))
    }

    func testDateComparisons() {
        XCTAssertNil(error("where diag >= date(\"2014-01-01\")"))
        XCTAssertNil(error("where diag < last"))
        XCTAssertEqual(error("where diag > 5")?.message, "a date can only be compared with a date")
        XCTAssertEqual(error("where diag == \"2014-01-01\"")?.message, "a date can only be compared with a date")
        XCTAssertEqual(error("where diag >= date(\"2014-02-30\")")?.message, "\"2014-02-30\" is not a date written YYYY-MM-DD")
        XCTAssertNotNil(error("where diag >= date(2014)"))
        XCTAssertNotNil(error("where diag in (1, 2)"))
    }

    func testDatesAreNotTimesOrTerms() {
        XCTAssertEqual(error("endpoint diag, age")?.message, "the time column must be numeric, but 'diag' holds dates")
        XCTAssertEqual(error("cox diag")?.message, "a date cannot be a model term")
        XCTAssertNotNil(error("set ref diag 1"))
    }

    func testALabelledColumnReadsAsItsCodesWhereANumberIsMeant() throws {
        XCTAssertEqual(try typed("arm + 1"), .arithmetic(.add, .column("arm", .number), .number(1), SourceRange(start: 8, end: 15, line: 1)))
        guard case .compare(.equal, .column("arm", .number), .number(1)) = try condition("arm == 1") else { return XCTFail("not by code") }
        guard case .compare(.equal, .column("arm", .text), .text("Control")) = try condition("arm == \"Control\"") else { return XCTFail("not by label") }
        guard case .inNumbers(.column("arm", .number), [1, 2], _) = try condition("arm in (1, 2)") else { return XCTFail("not by code") }
        XCTAssertNotNil(error("let x = sex + 1"), "a text column without codes is no number")
        XCTAssertNotNil(error("where sex == 1"))
        XCTAssertNil(error("set ref arm 0"))
        XCTAssertNil(error("cox factor(arm, ref = 2)"))
    }
}
