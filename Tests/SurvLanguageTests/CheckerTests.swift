import XCTest
import SurvCore
@testable import SurvLanguage

final class CheckerTests: XCTestCase {
    let context = CheckContext(columns: [("time", .number), ("status", .number), ("sex", .text), ("age", .number), ("grp", .text)],
                               datasetLoaded: true, bundledDatasets: ["aml", "lung"], endpointNames: ["os"],
                               hasCurrentEndpoint: true, hasCoxModel: false)

    func check(_ line: String, _ context: CheckContext? = nil) throws -> Plan {
        let parsed = try Parser.parseLine(line)
        guard let first = parsed.first else { throw Diagnostic("empty") }
        return try Checker(context: context ?? self.context).check(first.command)
    }

    func error(_ line: String, _ context: CheckContext? = nil) -> Diagnostic? {
        do { _ = try check(line, context); return nil } catch let d as Diagnostic { return d } catch { return nil }
    }

    func testColumnSchemaFindsColumnsByNameInOrder() {
        let schema = ColumnSchema([("a", .number), ("b", .text), ("a", .text)])
        XCTAssertEqual(schema.names, ["a", "b", "a"])
        XCTAssertEqual(schema.type(of: "a"), .number, "a repeated name is found at its first position")
        XCTAssertEqual(schema.type(of: "b"), .text)
        XCTAssertNil(schema.type(of: "c"))
        XCTAssertEqual(context.columnNames, ["time", "status", "sex", "age", "grp"])
        XCTAssertEqual(context.columns.map(\.type), [.number, .number, .text, .number, .text])
    }

    // A command naming many of many columns: each name is one dictionary lookup, not a search.
    func testCommandNamingThousandsOfColumnsChecks() throws {
        let wide = CheckContext(columns: (0..<100_000).map { ("c\($0)", .number) }, datasetLoaded: true)
        let names = (90_000..<100_000).map { "c\($0)" }.joined(separator: ", ")
        XCTAssertNil(error("describe \(names)", wide))
    }

    func testUnknownColumnHasDidYouMean() {
        let d = error("stratify by sexx")
        XCTAssertEqual(d?.message, "unknown column 'sexx'")
        XCTAssertEqual(d?.hint, "did you mean 'sex'?")
        XCTAssertEqual(d?.range?.start, 12)
    }

    func testTextTimeColumnIsRejectedAtItsToken() {
        let d = error("endpoint sex, status")
        XCTAssertEqual(d?.message, "the time column must be numeric, but 'sex' holds text")
        XCTAssertEqual(d?.range?.start, 9)
    }

    func testTextInArithmeticIsATypeError() {
        XCTAssertEqual(error("let x = sex + 1")?.message, "'+' needs a number, but this is a text value")
    }

    func testWhereNeedsACondition() {
        XCTAssertEqual(error("where age + 1")?.message, "'where' needs a condition, but this is a number value")
    }

    func testLiteralDivisionByZero() {
        XCTAssertEqual(error("let x = age / 0")?.message, "division by zero")
    }

    func testCoxTermsBecomeTypedPlans() throws {
        let plan = try check("cox age + sex + log(age) + strata(grp)")
        let model = CoxModelPlan(variables: [
            CoxVariable(label: "age", kind: .numeric(.column("age", .number)), range: SourceRange(start: 4, end: 7)),
            CoxVariable(label: "sex", kind: .factor(.column("sex", .text), column: "sex", reference: nil, referenceRange: nil),
                        range: SourceRange(start: 10, end: 13)),
            CoxVariable(label: "log(age)", kind: .numeric(.function(.log, .column("age", .number), SourceRange(start: 16, end: 24))),
                        range: SourceRange(start: 16, end: 24)),
        ], terms: [CoxTerm(variables: [0]), CoxTerm(variables: [1]), CoxTerm(variables: [2])], strata: ["grp"])
        XCTAssertEqual(plan, .cox(model))
    }

    /// R's terms.formula: main effects, then interactions by degree; variables in order of first appearance.
    func testFormulaTermsInROrder() throws {
        guard case .cox(let model) = try check("cox sex:age + age + sex") else { return XCTFail() }
        XCTAssertEqual(model.variables.map(\.label), ["sex", "age"])
        XCTAssertEqual(model.terms.map(\.variables), [[1], [0], [0, 1]])
        guard case .cox(let three) = try check("cox age*sex*grp") else { return XCTFail() }
        XCTAssertEqual(three.terms.map(\.variables), [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]])
        guard case .cox(let null) = try check("cox strata(grp)") else { return XCTFail() }
        XCTAssertEqual(null.terms, [])
        XCTAssertEqual(null.strata, ["grp"])
    }

    func testFormulaMistakesAreRefusedBeforeFitting() {
        XCTAssertEqual(error("cox age + age")?.message, "the term 'age' appears twice in the model")
        XCTAssertEqual(error("cox age*sex + sex")?.hint, "a*b already includes a, b and a:b")
        XCTAssertEqual(error("cox sex + strata(sex)")?.message, "'sex' is both a term ('sex') and a stratum")
        XCTAssertEqual(error("cox age*2")?.message, "a number cannot be a model term")
        XCTAssertTrue(error("cox age*2")?.hint?.contains("I(age * 2)") ?? false)
        XCTAssertTrue(error("cox age^2")?.hint?.contains("I(age^2)") ?? false)
        XCTAssertNotNil(error("cox age*sex*grp*time"))
        XCTAssertNotNil(error("cox factor(sex, ref = 2)"))
        XCTAssertNil(error("cox log(age*age) + I(age*age) + factor(age, ref = 60)"))
    }

    func testCutLabels() throws {
        XCTAssertEqual(Checker.cutLabels([0.1, 1]), ["[-Inf, 0.1)", "[0.1, 1)", "[1, Inf)"])
        XCTAssertEqual(Checker.cutLabels([-10, 0]), ["[-Inf, -10)", "[-10, 0)", "[0, Inf)"])
        XCTAssertEqual(error("let g = cut(age, 60, 40)")?.message, "cut() breaks must increase")
    }

    func testNothingLoaded() {
        let empty = CheckContext(bundledDatasets: ["aml"])
        XCTAssertEqual(error("km", empty)?.message, "no dataset is loaded")
        XCTAssertEqual(error("load amll", empty)?.hint, "did you mean 'aml'?")
    }

    func testSettings() throws {
        XCTAssertEqual(try check("set ci log-log"), .setting(.confidenceTransform(.logLog)))
        XCTAssertEqual(try check("set ci loglog"), .setting(.confidenceTransform(.logLog)))
        XCTAssertEqual(try check("set profile stata"), .setting(.profile(.stata)))
        XCTAssertEqual(try check("set level 90"), .setting(.level(0.9)))
        XCTAssertNotNil(error("set level 2"))
        XCTAssertEqual(error("set tie efron")?.hint, "did you mean 'ties'?")
    }

    func testPhtestNeedsAModel() {
        XCTAssertEqual(error("phtest")?.message, "there is no Cox model to test")
    }
}
