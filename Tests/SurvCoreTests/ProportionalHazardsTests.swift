import Foundation
import XCTest
@testable import SurvCore

/// cox.zph's tests and scaled Schoenfeld residuals compared with Oracle/zph.json.
final class ProportionalHazardsTests: XCTestCase {
    typealias C = CoxModelCases

    private func check(_ model: String, _ transform: PHTimeTransform, file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = try Oracle.json("zph")
        let key = "\(model)/\(transform.rawValue)"
        guard let expected = (oracle["cases"] as? [String: Any])?[key] as? [String: Any] else {
            XCTFail("no oracle case \(key)", file: file, line: line)
            return
        }
        let input = try C.input(model)
        let fit = try CoxFit.fit(input)
        let zph = try ProportionalHazardsTest.compute(input: input, fit: fit, transform: transform)
        XCTAssertEqual(zph.transform, transform.rawValue)
        XCTAssertPHTestMatchesR(zph, names: zph.terms.map(\.name), expected, key: key, file: file, line: line)
    }

    private func checkAllTransforms(_ model: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for t in PHTimeTransform.allCases { try check(model, t, file: file, line: line) }
    }

    func testLungEfron() throws { try checkAllTransforms("lung_efron") }
    func testLungBreslow() throws { try checkAllTransforms("lung_breslow") }
    func testLungHeavyTies() throws { try checkAllTransforms("lung_heavy_ties") }
    func testLungFactorGroupsTerm() throws { try checkAllTransforms("lung_factor") }
    func testVeteranStratified() throws { try checkAllTransforms("veteran") }
    func testColonStratified() throws { try checkAllTransforms("colon") }
    func testOvarian() throws { try checkAllTransforms("ovarian") }
    func testKidneyWeighted() throws { try checkAllTransforms("kidney_weighted") }
    /// Times differing by rounding noise are tied by timefix, in the test as in the fit.
    func testNoisyTimesAreTiedAsCoxZphDoes() throws { try checkAllTransforms("lung_noisy_times") }

    func testMismatchedFitIsAnError() throws {
        let input = try C.input("ovarian")
        let fit = try CoxFit.fit(input)
        var shorter = input
        shorter.time.removeLast(); shorter.event.removeLast()
        shorter.covariates = shorter.covariates.map { Array($0.dropLast()) }
        XCTAssertThrowsError(try ProportionalHazardsTest.compute(input: shorter, fit: fit))
        var fewerColumns = input
        fewerColumns.covariates = [input.covariates[0]]
        fewerColumns.columnNames = [input.columnNames[0]]
        fewerColumns.terms = nil
        XCTAssertThrowsError(try ProportionalHazardsTest.compute(input: fewerColumns, fit: fit))
    }

    func testLogTransformNeedsPositiveTimes() throws {
        let input = CoxModelInput(time: [0, 2, 3, 4, 5], event: [true, true, false, true, true],
                                  covariates: [[0.3, 1.2, 0.7, 2.5, 1.1]], columnNames: ["x"])
        let fit = try CoxFit.fit(input)
        XCTAssertThrowsError(try ProportionalHazardsTest.compute(input: input, fit: fit, transform: .log))
        XCTAssertNoThrow(try ProportionalHazardsTest.compute(input: input, fit: fit, transform: .km))
    }
}
