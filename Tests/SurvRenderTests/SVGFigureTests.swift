import Foundation
import XCTest
@testable import SurvRender

#if canImport(FoundationXML)
import FoundationXML
import SurvResults
#endif

/// SVG figures: well-formed XML, byte-identical to their golden files, text escaped, size bounded.
final class SVGFigureTests: XCTestCase {
    typealias F = FigureFixtures

    static var threeStrata: SurvivalFigure {
        F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained), ("Third arm", F.third)],
                 xmax: 60, by: 12, p: "Log-rank p = 0.12", title: "Overall survival")
    }

    func testSurvivalFigureIsWellFormedAndMatchesItsGoldenFile() throws {
        let svg = SVGFigure.survival(Self.threeStrata)
        try assertWellFormed(svg)
        assertGolden(svg, "km-three-strata.svg")
    }

    func testSurvivalFigureWithBandsInPercent() throws {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)],
                              options: .init(confidenceBand: true, percent: true), p: "Log-rank p = 0.065")
        let svg = SVGFigure.survival(figure)
        try assertWellFormed(svg)
        assertGolden(svg, "km-two-strata-ci.svg")
    }

    func testCumulativeHazardFigure() throws {
        let figure = F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)], measure: .cumulativeHazard,
                              p: "Log-rank p = 0.065")
        let svg = SVGFigure.survival(figure)
        try assertWellFormed(svg)
        assertGolden(svg, "km-cumhaz.svg")
    }

    func testSameInputSameBytes() {
        XCTAssertEqual(SVGFigure.survival(Self.threeStrata), SVGFigure.survival(Self.threeStrata))
    }
}

/// Parses `svg` with Foundation's XML parser and fails with its error if it is not well-formed.
func assertWellFormed(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let parser = XMLParser(data: Data(svg.utf8))
    let ok = parser.parse()
    XCTAssertTrue(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")", file: file, line: line)
}

/// The SVG drawings of a Cox model.
final class SVGCoxFiguresTests: XCTestCase {
    typealias F = FigureFixtures

    func testForest() throws {
        var figure = F.forest
        figure.rows.append(F.separated)
        let svg = SVGFigure.forest(figure)
        try assertWellFormed(svg)
        assertGolden(svg, "forest.svg")
    }

    func testResidualPanels() throws {
        let svg = SVGFigure.residuals(F.residuals)
        try assertWellFormed(svg)
        assertGolden(svg, "zph.svg")
    }
}
