import XCTest
@testable import SurvCore

/// Aalen–Johansen cumulative incidence against cmprsk's `cuminc` and `timepoints` (Oracle/cmprsk.R).
final class CumulativeIncidenceTests: XCTestCase {
    func testEveryCurveMatchesCuminc() throws {
        let oracle = try CmprskOracle()
        let compare = CmprskComparison()
        var worst = 0.0
        for case_ in try oracle.section("cuminc") {
            let name = try XCTUnwrap(case_["input"] as? String)
            let level = try XCTUnwrap(case_["level"] as? Double)
            let data = try oracle.data(name)
            let group = try oracle.codes(name, "group")
            let logLog = try CumulativeIncidence.estimate(data, group: group, transform: .logLog, level: level)
            let plain = try CumulativeIncidence.estimate(data, group: group, transform: .plain, level: level)
            for expected in try XCTUnwrap(case_["curves"] as? [[String: Any]]) {
                let g = try XCTUnwrap(expected["group"] as? Int), code = try XCTUnwrap(expected["cause"] as? Int)
                let cause = try XCTUnwrap(data.causeCodes.firstIndex(of: code)) + 1
                let label = "\(name) group \(g) cause \(code)"
                let curve = try XCTUnwrap(logLog.curve(group: g, cause: cause), label)
                XCTAssertEqual(curve.causeCode, code, label)
                XCTAssertEqual(curve.n, expected["n"] as? Int, label)
                XCTAssertEqual(curve.events, expected["events"] as? Int, label)
                if expected["present"] as? Bool == true {
                    // cmprsk's vectors give every corner of the step function: (0, 0), then each jump twice
                    // (before and after), then the last follow-up time.
                    var time: [Double?] = [0], est: [Double?] = [0], variance: [Double?] = [0]
                    var before = (0.0, 0.0)
                    for s in curve.steps {
                        time += [s.time, s.time]
                        est += [before.0, s.estimate]
                        variance += [before.1, s.variance]
                        before = (s.estimate, s.variance)
                    }
                    time.append(curve.lastTime); est.append(before.0); variance.append(before.1)
                    compare.check(time, CmprskOracle.optionals(expected["time"]), "\(label) time")
                    compare.check(est, CmprskOracle.optionals(expected["est"]), "\(label) est")
                    compare.check(variance, CmprskOracle.optionals(expected["var"]), "\(label) var")
                } else {
                    XCTAssertEqual(curve.events, 0, label)
                    XCTAssertTrue(curve.steps.isEmpty, label)
                }
                guard let at = expected["at"] as? [String: Any] else { continue }
                let times = CmprskOracle.doubles(at["times"])
                let points = curve.at(times), plainPoints = try XCTUnwrap(plain.curve(group: g, cause: cause)).at(times)
                compare.check(points.map(\.estimate), CmprskOracle.optionals(at["est"]), "\(label) timepoints est")
                compare.check(points.map(\.variance), CmprskOracle.optionals(at["var"]), "\(label) timepoints var")
                compare.check(points.map(\.lower), CmprskOracle.optionals(at["logLogLower"]), "\(label) log-log lower")
                compare.check(points.map(\.upper), CmprskOracle.optionals(at["logLogUpper"]), "\(label) log-log upper")
                compare.check(plainPoints.map(\.lower), CmprskOracle.optionals(at["plainLower"]), "\(label) plain lower")
                compare.check(plainPoints.map(\.upper), CmprskOracle.optionals(at["plainUpper"]), "\(label) plain upper")
                for (p, e) in zip(points, CmprskOracle.optionals(at["est"])) {
                    if let a = p.estimate, let e { worst = max(worst, abs(a - e)) }
                }
            }
        }
        XCTAssertGreaterThan(compare.count, 2000)
        print("cumulative incidence: \(compare.count) values compared with cmprsk; largest |difference| at timepoints \(worst)")
    }

    /// With no competing failure the cumulative incidence is 1 − Kaplan–Meier (survfit in the oracle).
    func testWithoutCompetingFailuresItIsOneMinusKaplanMeier() throws {
        let oracle = try CmprskOracle()
        let km = try XCTUnwrap(oracle.document["oneMinusKM"] as? [String: Any])
        let curve = try XCTUnwrap(CumulativeIncidence.estimate(try oracle.data("onecause")).curve(group: 0, cause: 1))
        let points = curve.at(CmprskOracle.doubles(km["time"]))
        let compare = CmprskComparison()
        compare.check(points.map(\.estimate), CmprskOracle.optionals(km["cif"]), "1 − KM")
    }

    func testUnnamedCodesAreCensoredAndCountsAreKept() throws {
        let data = try CompetingRisksData(time: [1, 2, 3, 4, 5], status: [7, 1, 2, 9, 1], event: 1, competing: [2])
        XCTAssertEqual(data.cause, [0, 1, 2, 0, 1])
        XCTAssertEqual(data.countsByCause, [2, 2, 1])
        let ci = try CumulativeIncidence.estimate(data)
        XCTAssertEqual(ci.curves.map(\.events), [2, 1])
        XCTAssertEqual(ci.curves.map(\.n), [5, 5])
        // By hand: 1/4 at time 2 (4 at risk); all-cause survival 3/4, then 1/2 after the competing failure;
        // at time 5 the last row fails: 1/4 + 1/2 · 1/1.
        let point = try XCTUnwrap(ci.curve(group: 0, cause: 1)).at([-1, 0, 5, 6])
        XCTAssertEqual(point.map(\.estimate), [nil, 0, 0.75, nil])
    }

    func testDegenerateInputIsACoreError() {
        XCTAssertThrowsError(try CompetingRisksData(time: [], status: [], event: 1, competing: [2]))
        XCTAssertThrowsError(try CompetingRisksData(time: [1, -2], status: [1, 2], event: 1, competing: [2]))
        XCTAssertThrowsError(try CompetingRisksData(time: [1, .nan], status: [1, 2], event: 1, competing: [2]))
        XCTAssertThrowsError(try CompetingRisksData(time: [1, 2], status: [1], event: 1, competing: [2]))
        XCTAssertThrowsError(try CompetingRisksData(time: [1, 2], status: [1, 2], event: 1, competing: [1]))
        XCTAssertThrowsError(try CompetingRisksData(time: [1, 2], status: [1, 2], event: 1, competing: []))
        XCTAssertThrowsError(try CumulativeIncidence.estimate(
            CompetingRisksData(time: [1, 2], status: [0, 0], event: 1, competing: [2]))) { error in
            XCTAssertNotNil((error as? CoreError)?.hint)
        }
        XCTAssertThrowsError(try CumulativeIncidence.estimate(
            CompetingRisksData(time: [1, 2], status: [1, 2], event: 1, competing: [2]), group: [0]))
        XCTAssertThrowsError(try CumulativeIncidence.estimate(
            CompetingRisksData(time: [1, 2], status: [1, 2], event: 1, competing: [2]), level: 1))
    }
}
