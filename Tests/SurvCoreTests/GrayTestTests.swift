import XCTest
@testable import SurvCore

/// Gray's test against cmprsk's `cuminc(…)$Tests` (Oracle/cmprsk.R), with and without strata, rho 0 and 1.
final class GrayTestTests: XCTestCase {
    func testEveryTestMatchesCuminc() throws {
        let oracle = try CmprskOracle()
        let compare = CmprskComparison()
        var worst = 0.0
        for case_ in try oracle.section("cuminc") {
            let name = try XCTUnwrap(case_["input"] as? String)
            guard let expected = case_["tests"] as? [[String: Any]] else { continue }
            let data = try oracle.data(name)
            let group = try XCTUnwrap(try oracle.codes(name, "group"))
            let stratified = try XCTUnwrap(case_["stratified"] as? Bool)
            let rho = try XCTUnwrap(case_["rho"] as? Double)
            let strata = stratified ? try oracle.codes(name, "strata") : nil
            let result = try GrayTest.compute(data, group: group, strata: strata, rho: rho)
            XCTAssertEqual(result.rho, rho)
            for e in expected {
                let code = try XCTUnwrap(e["cause"] as? Int)
                let label = "\(name) rho \(rho)\(stratified ? " stratified" : "") cause \(code)"
                let test = try XCTUnwrap(result.causes.first { $0.causeCode == code }, label)
                let statistic = try XCTUnwrap(test.statistic, label)
                compare.check(statistic.chisq, e["stat"] as? Double, "\(label) stat")
                compare.check(statistic.p, e["pv"] as? Double, "\(label) p")
                compare.check(statistic.df, e["df"] as? Double, "\(label) df")
                if let s = e["stat"] as? Double { worst = max(worst, abs(statistic.chisq - s) / max(abs(s), 1)) }
            }
        }
        XCTAssertGreaterThan(compare.count, 50)
        print("Gray's test: \(compare.count) values compared with cmprsk; largest relative difference in stat \(worst)")
    }

    func testDegenerateInputIsACoreError() throws {
        let data = try CompetingRisksData(time: [1, 2, 3, 4], status: [1, 2, 0, 1], event: 1, competing: [2])
        XCTAssertThrowsError(try GrayTest.compute(data, group: [3, 3, 3, 3])) { error in
            XCTAssertNotNil((error as? CoreError)?.hint)
        }
        XCTAssertThrowsError(try GrayTest.compute(data, group: [0, 1]))
        XCTAssertThrowsError(try GrayTest.compute(data, group: [0, 1, 0, 1], strata: [1]))
        XCTAssertThrowsError(try GrayTest.compute(data, group: [0, 1, 0, 1], rho: .infinity))
        let none = try CompetingRisksData(time: [1, 2, 3, 4], status: [0, 0, 5, 0], event: 1, competing: [2])
        XCTAssertThrowsError(try GrayTest.compute(none, group: [0, 1, 0, 1]))
        // A named cause that never occurs has no statistic and says why.
        let absent = try CompetingRisksData(time: [1, 2, 3, 4], status: [1, 0, 1, 0], event: 1, competing: [2])
        let result = try GrayTest.compute(absent, group: [0, 1, 0, 1])
        XCTAssertNil(result.causes[1].statistic)
        XCTAssertEqual(result.causes[1].warning?.code, "no_events")
    }
}
