import Foundation
import SurvCore
import SurvRender
import SurvResults
import XCTest
@testable import SurvSession

/// A competing-risks endpoint at the prompt gives cmprsk's numbers (Reference/session.R on mgus2): cuminc's
/// estimates and Aalen variances at the times asked, the log(−log) interval, Gray's test, and crr's fit.
final class CompetingRisksAgainstRTests: SessionReferenceTestCase {
    func session() throws -> Session {
        let s = Session()
        _ = try report(s, "load mgus2; endpoint etime, event event 1 competing 2; stratify by sex")
        return s
    }

    func testCumulativeIncidenceAndGraysTest() throws {
        guard case .cumulativeIncidence(let r) = try report(try session(), "cuminc at 60, 120, 240") else { return XCTFail() }
        let ref = try section("cuminc_mgus")
        let expected = [("sex=F", "1", "F1"), ("sex=F", "2", "F2"), ("sex=M", "1", "M1"), ("sex=M", "2", "M2")]
        XCTAssertEqual(r.curves.map { "\($0.stratum) \($0.cause)" }, expected.map { "\($0.0) \($0.1)" })
        for (curve, (_, _, key)) in zip(r.curves, expected) {
            let values = try XCTUnwrap(ref[key] as? [String: Any])
            func column(_ name: String) -> [Double] { (values[name] as? [NSNumber])?.map(\.doubleValue) ?? [] }
            XCTAssertEqual(curve.at.count, 3)
            for (i, point) in curve.at.enumerated() {
                close(point.estimate, column("est")[i], "\(key) CIF at \(point.time)")
                close(point.stdErr, column("se")[i], "\(key) se at \(point.time)")
                close(point.lower, column("lower")[i], "\(key) lower at \(point.time)")
                close(point.upper, column("upper")[i], "\(key) upper at \(point.time)")
            }
        }
        let chisq = numbers("cuminc_mgus", "gray_chisq"), p = numbers("cuminc_mgus", "gray_p")
        XCTAssertEqual(r.gray.count, 2)
        for (i, g) in r.gray.enumerated() {
            close(g.statistic?.chisq, chisq[i], "Gray's chi-square, cause \(g.cause)")
            close(g.statistic?.p, p[i], "Gray's p, cause \(g.cause)")
        }
    }

    /// Each cause's block names its stratum and cause on its first row only, the event's as the competing cause's.
    func testEachCauseBlockIsLabelledOnceAlike() throws {
        let report = try report(try session(), "cuminc at 60, 120, 240")
        let rows = TextRenderer(digits: 3).render(report).split(separator: "\n").map(String.init)
            .filter { $0.range(of: #"^\S*\s+(\d+ \((event|competing)\))?\s+(\d+\s+\d+\s+)?(60|120|240)\s"#, options: .regularExpression) != nil }
        XCTAssertEqual(rows.count, 12, rows.joined(separator: "\n"))
        for (i, row) in rows.enumerated() {
            let opensBlock = i % 3 == 0
            XCTAssertEqual(row.hasPrefix("sex="), opensBlock, "row \(i): \(row)")
            XCTAssertEqual(row.contains("(event)") || row.contains("(competing)"), opensBlock, "row \(i): \(row)")
        }
    }

    func testFineGray() throws {
        guard case .fineGray(let r) = try report(try session(), "finegray age + sex") else { return XCTFail() }
        let coef = numbers("finegray_mgus", "coef"), se = numbers("finegray_mgus", "se")
        XCTAssertEqual(r.fit.coefficients.map(\.name), ["age", "sexM"])
        for (i, c) in r.fit.coefficients.enumerated() {
            close(c.coef, coef[i], "\(c.name) coef")
            close(c.se, se[i], "\(c.name) se")
        }
    }

    /// `plot cuminc` draws the curves `cuminc` tabulates: at each time cuminc prints, the step in force is its value.
    func testThePlotDrawsTheTabulatedCurves() throws {
        let s = try session()
        guard case .cumulativeIncidence(let table) = try report(s, "cuminc at 60, 120, 240"),
              case .figure(let figure) = try report(s, "plot cuminc"), case .survival(let f) = figure.content else { return XCTFail() }
        XCTAssertEqual(f.strata.map(\.label), ["sex=F: event 1", "sex=F: competing 2", "sex=M: event 1", "sex=M: competing 2"])
        XCTAssertEqual(f.strata.map { $0.atRisk.first }, [631, nil, 753, nil])
        for (curve, drawn) in zip(table.curves, f.strata) {
            for point in curve.at {
                let step = drawn.points.last { $0.time <= point.time }
                close(step?.estimate, try XCTUnwrap(point.estimate), "\(drawn.label) at \(point.time)")
            }
        }
        XCTAssertNotNil(f.grayP)
    }

    func testNaiveKaplanMeierSaysSoAndMistakesAreNamed() throws {
        let s = try session()
        guard case .kaplanMeier(let km) = try report(s, "km") else { return XCTFail() }
        XCTAssertEqual(km.censoredCompetingCauses, ["2"])
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d.message
        }
        XCTAssertEqual(message("endpoint etime, event event 1 competing 7"), "the code 7 does not occur in 'event' in the kept rows")
        XCTAssertEqual(message("endpoint etime, event event 1 competing 1"), "the code 1 is named twice")
        XCTAssertEqual(message("endpoint etime, event event \"1\" competing 2"), "'event' holds numbers: its codes are numbers")
        XCTAssertEqual(message("endpoint etime, event event 1"), "expected 'competing' and the codes of the competing causes, found the end of the command")
        _ = s.run(line: "endpoint futime, death")
        XCTAssertEqual(message("cuminc"), "cuminc needs an endpoint with competing risks")
        XCTAssertEqual(message("finegray age"), "finegray needs an endpoint with competing risks")
    }
}
