import XCTest
@testable import SurvRender
import SurvResults

/// Golden terminal figures: each drawing is compared byte for byte with its file under Golden/.
final class TerminalSurvivalFigureTests: XCTestCase {
    typealias F = FigureFixtures

    func testOneStratum() {
        let figure = F.figure([("Maintained", F.maintained)])
        assertGolden(TerminalFigure.survival(figure), "km-one-stratum.txt")
    }

    func testTwoStrataWithPValue() {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)], p: "Log-rank p = 0.065")
        assertGolden(TerminalFigure.survival(figure), "km-two-strata.txt")
    }

    func testThreeStrata() {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained), ("Third arm", F.third)],
                              xmax: 60, by: 12, p: "Log-rank p = 0.12", title: "Overall survival")
        assertGolden(TerminalFigure.survival(figure), "km-three-strata.txt")
    }

    func testThreeStrataASCII() {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained), ("Third arm", F.third)],
                              xmax: 60, by: 12, p: "Log-rank p = 0.12", title: "Overall survival")
        assertGolden(TerminalFigure.survival(figure, style: .init(ascii: true)), "km-three-strata-ascii.txt")
    }

    func testNamesCutAlikeAreNumberedInLegendAndRiskTable() {
        let figure = F.figure([("Treatment group receiving drug A", F.maintained), ("Treatment group receiving drug B", F.nonmaintained),
                               ("Treatment group receiving placebo", F.third)], xmax: 60, by: 12)
        let text = TerminalFigure.survival(figure)
        assertGolden(text, "km-long-names.txt")
        let lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(of: "Number at risk") else { return XCTFail(text) }
        for i in 0..<3 {
            XCTAssertTrue(lines[header + 1 + i].hasPrefix("\(i + 1) Treatment"), text)
            XCTAssertTrue(text.contains("\(i + 1) " + figure.strata[i].label), text)
        }
        // Names that stay distinct when cut are not numbered.
        XCTAssertFalse(TerminalFigure.survival(F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)]))
            .contains("1 Maintained"))
    }

    func testCurveDroppingToZero() {
        let figure = F.figure([("Nonmaintained", F.nonmaintained)])
        assertGolden(TerminalFigure.survival(figure), "km-drops-to-zero.txt")
    }

    func testAllCensored() {
        let figure = F.figure([("All censored", [(4, 0), (10, 0), (15, 0), (22, 0)])])
        assertGolden(TerminalFigure.survival(figure), "km-all-censored.txt")
    }

    func testSinglePatient() {
        let figure = F.figure([("One patient", [(7, 1)])])
        assertGolden(TerminalFigure.survival(figure), "km-single-patient.txt")
    }

    func testStratumWithoutEvents() {
        let figure = F.figure([("Events", F.nonmaintained), ("No events", [(6, 0), (19, 0), (30, 0), (41, 0)])], p: "Log-rank p = 0.0021")
        assertGolden(TerminalFigure.survival(figure), "km-stratum-without-events.txt")
    }

    func testCumulativeHazard() {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)], measure: .cumulativeHazard,
                              p: "Log-rank p = 0.065")
        assertGolden(TerminalFigure.survival(figure), "km-cumhaz.txt")
    }

    func testCumulativeIncidenceInPercentWithBand() {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)], measure: .cumulativeIncidence,
                              options: .init(confidenceBand: true, percent: true), xmax: 50, p: "Log-rank p = 0.065")
        assertGolden(TerminalFigure.survival(figure), "km-cuminc-percent-ci.txt")
    }
}
