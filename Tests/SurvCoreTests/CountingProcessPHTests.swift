import Foundation
import XCTest
@testable import SurvCore

/// cox.zph on (start, stop] fits against Oracle/zph_counting.json: tests per term and global, and the
/// scaled Schoenfeld residuals, for every transform.
final class CountingProcessPHTests: XCTestCase {
    typealias C = CoxModelCases

    private func column(_ data: OracleDataset, _ name: String) throws -> [Double] {
        try data.numbers(name).map { try XCTUnwrap($0, "\(name) has a missing value") }
    }

    /// The model of each oracle case, built as R's formula builds its design.
    private func input(_ model: String, ties: TiesMethod = .efron) throws -> CountingProcessCoxInput {
        switch model {
        case "bladder2_efron", "bladder2_breslow", "bladder2_strata", "bladder2_factor":
            let data = try Oracle.dataset("bladder2")
            let (start, stop) = (try column(data, "start"), try column(data, "stop"))
            let event = try column(data, "event").map { $0 == 1 }
            let ties: TiesMethod = model == "bladder2_breslow" ? .breslow : .efron
            let rx = try column(data, "rx"), size = try column(data, "size"), number = try column(data, "number")
            switch model {
            case "bladder2_strata":
                return CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: [rx, size],
                                               columnNames: ["rx", "size"], strata: try column(data, "enum").map { Int($0) })
            case "bladder2_factor":
                let two = number.map { min($0, 3) == 2 ? 1.0 : 0 }, three = number.map { min($0, 3) == 3 ? 1.0 : 0 }
                return CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: [rx, size, two, three],
                                               columnNames: ["rx", "size", "numgrp2", "numgrp3"],
                                               terms: [CoxTermGroup(name: "rx", columns: [0]), CoxTermGroup(name: "size", columns: [1]),
                                                       CoxTermGroup(name: "numgrp", columns: [2, 3])])
            default:
                return CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: [rx, size, number],
                                               columnNames: ["rx", "size", "number"], ties: ties)
            }
        case "heart_efron", "heart_breslow":
            let data = try Oracle.dataset("heart")
            return CountingProcessCoxInput(start: try column(data, "start"), stop: try column(data, "stop"),
                                           event: try column(data, "event").map { $0 == 1 },
                                           covariates: [try column(data, "age"), try column(data, "surgery"), try column(data, "transplant")],
                                           columnNames: ["age", "surgery", "transplant"], ties: model == "heart_breslow" ? .breslow : .efron)
        case "myeloid_cluster":
            let data = try Oracle.dataset("myeloid_split")
            return CountingProcessCoxInput(start: try column(data, "tstart"), stop: try column(data, "tstop"),
                                           event: try column(data, "death").map { $0 == 1 },
                                           covariates: [data.strings("trt").map { $0 == "B" ? 1 : 0 }, data.strings("sex").map { $0 == "m" ? 1 : 0 },
                                                        try column(data, "tx")],
                                           columnNames: ["trtB", "sexm", "tx"], cluster: try column(data, "id").map { Int($0) })
        default:
            throw XCTSkip("no model \(model)")
        }
    }

    private func check(_ model: String, _ transform: PHTimeTransform, file: StaticString = #filePath, line: UInt = #line) throws {
        let key = "\(model)/\(transform.rawValue)"
        let expected = try XCTUnwrap((try Oracle.json("zph_counting")["cases"] as? [String: Any])?[key] as? [String: Any], "no case \(key)")
        let input = try input(model)
        let fit = try CoxFit.fit(countingProcess: input)
        let zph = try ProportionalHazardsTest.compute(countingProcess: input, fit: fit, transform: transform)
        let names = zph.terms.map(\.name).map { $0.replacingOccurrences(of: "trtB", with: "trt").replacingOccurrences(of: "sexm", with: "sex") }
        XCTAssertPHTestMatchesR(zph, names: names, expected, key: key, file: file, line: line)
    }

    private func checkAllTransforms(_ model: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for t in PHTimeTransform.allCases { try check(model, t, file: file, line: line) }
    }

    func testBladder2Efron() throws { try checkAllTransforms("bladder2_efron") }
    func testBladder2Breslow() throws { try checkAllTransforms("bladder2_breslow") }
    func testBladder2Stratified() throws { try checkAllTransforms("bladder2_strata") }
    /// A three-level factor is one term with a 2-df test, and its residuals are projected on its coefficients.
    func testBladder2FactorGroupsTerm() throws { try checkAllTransforms("bladder2_factor") }
    /// Delayed entry at transplant: the km transform is the curve with late entries in its risk sets.
    func testHeartEfron() throws { try checkAllTransforms("heart_efron") }
    func testHeartBreslow() throws { try checkAllTransforms("heart_breslow") }
    /// cluster() changes the fit's reported variance, not the test: cox.zph uses the model-based information.
    func testMyeloidSplitWithCluster() throws { try checkAllTransforms("myeloid_cluster") }

    func testAFitOfOtherRowsIsRefused() throws {
        let input = try input("heart_efron")
        var other = input
        other.start.removeLast(); other.stop.removeLast(); other.event.removeLast()
        other.covariates = other.covariates.map { Array($0.dropLast()) }
        let fit = try CoxFit.fit(countingProcess: other)
        XCTAssertThrowsError(try ProportionalHazardsTest.compute(countingProcess: input, fit: fit))
    }
}
