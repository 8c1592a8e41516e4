import XCTest
@testable import PublishedTargets
import SurvData

/// Reading a targets table, its filters and comparisons, on a small hand-made table.
final class TargetsTableTests: XCTestCase {
    static let header = "id,match,statistic,population,condition,variable,by,endpoint,at,published,value,compare,scale,tolerance,weight,source,note"

    private func table() throws -> DataTable {
        try DelimitedTextReader.parse(Array("""
        group,x,grade,t_months,t_event
        a,1,,5,1
        a,2,low,8,0
        b,3,high,2,1
        b,,high,9,1

        """.utf8), name: "t", delimiter: UInt8(ascii: ","))
    }

    private func score(_ row: String) throws -> TargetScore {
        let targets = try TargetsTable(csv: Self.header + "\n" + row + "\n")
        return TargetScore.score(try XCTUnwrap(targets.targets.first), on: TargetEvaluator(table: try table()))
    }

    func testCountsPercentagesAndMissingValues() throws {
        XCTAssertTrue(try score("R1,exact,rows,group=a,,,,,,2,2,round,abs,0,,,").isMet)
        XCTAssertTrue(try score("R2,exact,rows,grade=,,,,,,1,1,round,abs,0,,,").isMet)
        XCTAssertTrue(try score("R3,exact,rows,grade!=high,,,,,,1,1,round,abs,0,,,").isMet, "a missing grade is neither high nor not high")
        XCTAssertTrue(try score("R4,exact,percent,all,x>=2,,,,,50,50,round,abs,0,,,").isMet, "2 of 4; a missing x is not >= 2")
        XCTAssertTrue(try score("R5,exact,median,all,,x,,,,2,2,round,abs,0,,,").isMet)
        XCTAssertFalse(try score("R6,exact,median,all,,x,,,,2.1,2.1,round,abs,0,,,").isMet, "decimals written are matched")
    }

    func testRoundingIsHalfUp() throws {
        XCTAssertTrue(try score("P1,exact,percent,group=a,x=1,,,,,50,50,round,abs,0,,,").isMet)
        XCTAssertEqual(TargetScore.roundHalfUp(0.645 * 100, decimals: 0), 65)
        XCTAssertEqual(TargetScore.roundHalfUp(37.5, decimals: 0), 38)
        XCTAssertEqual(TargetScore.roundHalfUp(9.375, decimals: 0), 9)
    }

    func testSurvivalTargetsAndTheirExistence() throws {
        // S falls to exactly 0.5 at 5: Stata's rule takes 5 (R's would take the midpoint with 9), and the
        // score says the curve touches 0.5.
        let median = try score("M1,approx,km_median,all,,,,t,,5,5,near,abs,1,1,,")
        XCTAssertEqual(median.computed?.value, 5)
        XCTAssertEqual(median.computed?.touchesHalf, true)
        XCTAssertTrue(median.isMet)
        XCTAssertFalse(try score("M2,approx,km_median,group=a,,,,t,,NR,,nr,abs,0,1,,").isMet, "reached at 5")
        XCTAssertTrue(try score("M3,approx,km_median,group=a & x=2,,,,t,,NR,,nr,abs,0,1,,").isMet, "no event")
        let notEvaluable = try score("K1,approx,km,all,,,,t,36,NE,,ne,abs,0,1,,")
        XCTAssertTrue(notEvaluable.isMet, "nobody is followed to 36")
        XCTAssertEqual(notEvaluable.loss, 0)
        XCTAssertEqual(try score("K2,approx,km,all,,,,t,6,50,50,near,abs,1,1,,").computed?.value, 50)
    }

    func testBoundsAndLogScales() throws {
        let below = try score("B1,approx,logrank_p,all,,,group,t,,<0.001,0.001,below,log10,1,1,,")
        XCTAssertNotNil(below.computed?.value)
        XCTAssertGreaterThan(below.distance, 0)
        XCTAssertEqual(TargetScore.distance(2, 20, .log10), 1, accuracy: 1e-12)
        XCTAssertEqual(TargetScore.distance(1, Double(M_E), .ln), 1, accuracy: 1e-12)
    }

    func testMalformedTablesAreRefused() {
        XCTAssertThrowsError(try TargetsTable(csv: "id,match\nA,exact\n"))
        XCTAssertThrowsError(try TargetsTable(csv: Self.header + "\nA,exact,rows,all,,,,,,1,1,round,abs,0,,,\nA,exact,rows,all,,,,,,1,1,round,abs,0,,,\n"))
        XCTAssertThrowsError(try TargetsTable(csv: Self.header + "\nA,exact,nonsense,all,,,,,,1,1,round,abs,0,,,\n"))
        XCTAssertThrowsError(try TargetsTable(csv: Self.header + "\nA,exact,rows,x<,,,,,,1,1,round,abs,0,,,\n"))
        XCTAssertThrowsError(try TargetsTable(csv: Self.header + "\nA,exact,rows,all,,,,,,1,,round,abs,0,,,\n"), "a value to compare with")
        XCTAssertThrowsError(try TargetsTable(csv: Self.header + "\nA,exact,rows,all,,,,,,\"1,1,round,abs,0,,,\n"), "an unclosed quote")
    }

    func testUnknownColumnsAreProblemsNotCrashes() throws {
        let score = try score("U1,exact,rows,nope=1,,,,,,1,1,round,abs,0,,,")
        XCTAssertNotNil(score.problem)
        XCTAssertFalse(score.isMet)
        XCTAssertEqual(score.distance, .infinity)
    }
}
