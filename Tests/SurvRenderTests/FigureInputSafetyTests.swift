import Foundation
import XCTest
@testable import SurvRender
import SurvResults

/// Input a figure should never have (NaN, infinities, empty or reversed ranges, hostile labels) draws
/// something sensible or says what is missing; it never traps, never breaks the layout, never lets a
/// label act on a terminal or escape its SVG element.
final class FigureInputSafetyTests: XCTestCase {
    typealias F = FigureFixtures

    static let hostile = "<script>alert('x')</script> & \u{1B}]52;c;ZXZpbA==\u{07} \u{1B}[31m\"red\"\n\t\u{0}\u{202E}\u{FFFE}"

    /// Every drawing of the figure: terminal (Unicode, ASCII, colour, narrow, wide) and SVG.
    func drawEverywhere(_ figure: SurvivalFigure, file: StaticString = #filePath, line: UInt = #line) throws {
        for style in [TerminalFigureStyle(), .init(ascii: true), .init(color: true), .init(width: 1, height: 1),
                      .init(width: 100_000, height: -5), .init(digits: -3)] {
            let text = TerminalFigure.survival(figure, style: style)
            XCTAssertFalse(text.isEmpty, file: file, line: line)
            assertTerminalSafe(text, width: style.pageWidth, colour: style.color, file: file, line: line)
        }
        for style in [SVGFigureStyle(), .init(width: .nan, plotHeight: .infinity), .init(width: -1, plotHeight: 0)] {
            try assertWellFormed(SVGFigure.survival(figure, style: style), file: file, line: line)
        }
    }

    func testNonFiniteValuesEverywhere() throws {
        var figure = F.figure([("A", F.maintained), ("B", F.nonmaintained)], options: .init(confidenceBand: true), p: "p = 0.5")
        figure.strata[0].points += [StepPoint(time: .nan, estimate: 0.3), StepPoint(time: 50, estimate: .nan, lower: .infinity, upper: -.infinity),
                                    StepPoint(time: .infinity, estimate: 0.1), StepPoint(time: -.infinity, estimate: 2)]
        figure.strata[0].censorTimes += [.nan, .infinity, -.infinity, -4]
        figure.strata[1].atRisk = figure.strata[1].atRisk.map { _ in .nan }
        figure.xAxis.ticks += [.nan, .infinity, -1, 1e300]
        try drawEverywhere(figure)
    }

    func testBrokenAxes() throws {
        let base = F.figure([("A", F.maintained), ("B", F.nonmaintained)], p: "p = 0.5")
        for (lower, upper) in [(Double.nan, Double.nan), (10, 0), (5, 5), (-.infinity, .infinity), (0, 1e-300), (0, 5e-324), (-1e308, 1e308), (-.greatestFiniteMagnitude, .greatestFiniteMagnitude)] {
            var figure = base
            figure.xAxis.lower = lower
            figure.xAxis.upper = upper
            figure.yAxis.lower = lower
            figure.yAxis.upper = upper
            try drawEverywhere(figure)
        }
        var noTicks = base
        noTicks.xAxis.ticks = []
        noTicks.yAxis.ticks = []
        noTicks.xAxis.tickLabels = ["unpaired"]
        try drawEverywhere(noTicks)
        var manyTicks = base
        manyTicks.xAxis.ticks = (0..<100_000).map { Double($0) / 1000 }
        try drawEverywhere(manyTicks)
    }

    func testEmptyFigures() throws {
        let axis = FigureAxis.time(maxTime: 0)
        try drawEverywhere(SurvivalFigure(xAxis: axis, yAxis: .measure(.survival), strata: []))
        try drawEverywhere(SurvivalFigure(xAxis: axis, yAxis: .measure(.survival), strata: [CurveStratum(label: "", points: [])]))
        try drawEverywhere(SurvivalFigure(xAxis: axis, yAxis: .measure(.cumulativeHazard, maxValue: .nan),
                                          strata: [CurveStratum(label: "nan", points: [StepPoint(time: .nan, estimate: .nan)],
                                                                censorTimes: [.nan], atRisk: [.nan])]))
    }

    func testUnorderedPointsAreDrawnInTimeOrder() {
        let figure = F.figure([("A", F.maintained)])
        var shuffled = figure
        shuffled.strata[0].points.reverse()
        XCTAssertEqual(TerminalFigure.survival(shuffled), TerminalFigure.survival(figure))
        XCTAssertEqual(SVGFigure.survival(shuffled), SVGFigure.survival(figure))
    }

    func testHostileLabelsAreEscapedInTheTerminal() {
        let figure = F.figure([(Self.hostile, F.maintained), ("B", F.nonmaintained)], p: Self.hostile, title: Self.hostile,
                              xLabel: Self.hostile)
        for style in [TerminalFigureStyle(), .init(ascii: true), .init(width: 200)] {
            let text = TerminalFigure.survival(figure, style: style)
            assertTerminalSafe(text, width: style.pageWidth, colour: false)
            XCTAssertTrue(text.contains("\\x1b"), text)
        }
        var forest = F.forest
        forest.rows[0].term = Self.hostile
        forest.title = Self.hostile
        forest.note = Self.hostile
        assertTerminalSafe(TerminalFigure.forest(forest), width: 72, colour: false)
        var zph = F.residuals
        zph.panels[0].term = Self.hostile
        zph.panels[0].pValueText = Self.hostile
        zph.xAxis.label = Self.hostile
        zph.xAxis.tickLabels[0] = Self.hostile
        assertTerminalSafe(TerminalFigure.residuals(zph), width: 72, colour: false)
    }

    func testHostileLabelsAreEscapedInSVG() throws {
        let figure = F.figure([(Self.hostile, F.maintained), ("B", F.nonmaintained)], p: Self.hostile, title: Self.hostile,
                              xLabel: Self.hostile)
        var forest = F.forest
        forest.rows[0].term = Self.hostile
        forest.title = Self.hostile
        forest.note = Self.hostile
        var zph = F.residuals
        zph.panels[0].term = Self.hostile
        zph.panels[0].pValueText = Self.hostile
        zph.xAxis.tickLabels[0] = Self.hostile
        for svg in [SVGFigure.survival(figure), SVGFigure.forest(forest), SVGFigure.residuals(zph)] {
            try assertWellFormed(svg)
            XCTAssertFalse(svg.contains("<script"))
            XCTAssertTrue(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp;"))
            XCTAssertFalse(svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character reached the SVG")
            XCTAssertFalse(svg.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{FFFE}" })
            // The text a reader sees is the label with its controls made visible.
            let shown = try SVGTexts(svg).items.map(\.content)
            XCTAssertTrue(shown.contains { $0.hasPrefix("<script>alert('x')</script> & \\x1b]52;c;") }, "\(shown)")
        }
    }

    /// Cutting a label to fit is linear in its length: a level of 100,000 characters draws at once.
    func testVeryLongLabelsAreCut() throws {
        let long = String(repeating: "Very long label ", count: 6_250)
        let figure = F.figure([(long, F.maintained), (long + "2", F.nonmaintained)], p: long, title: long, xLabel: long)
        assertTerminalSafe(TerminalFigure.survival(figure), width: 72, colour: false)
        let svg = SVGFigure.survival(figure)
        try assertWellFormed(svg)
        XCTAssertLessThan(svg.utf8.count, 20_000)
        var forest = F.forest
        forest.rows[0].term = long
        assertTerminalSafe(TerminalFigure.forest(forest), width: 72, colour: false)
        try assertWellFormed(SVGFigure.forest(forest))
    }

    func testDegenerateForestAndResidualFigures() throws {
        let rows = [
            ForestRow(term: "zero", hazardRatio: 0, lower: 0, upper: 0, p: 1),
            ForestRow(term: "nan", hazardRatio: .nan, lower: .nan, upper: .nan, p: .nan),
            ForestRow(term: "inf", hazardRatio: .infinity, lower: .infinity, upper: .infinity, p: 0),
            ForestRow(term: "negative", hazardRatio: -2, lower: -3, upper: -1, p: nil),
            ForestRow(term: "reversed", hazardRatio: 2, lower: 5, upper: 1, p: 0.5),
            ForestRow(term: "tiny", hazardRatio: 1e-300, lower: 1e-310, upper: 1e-290, p: 0.5),
        ]
        for figure in [ForestFigure(rows: []), ForestFigure(rows: rows, level: .nan)] {
            assertTerminalSafe(TerminalFigure.forest(figure), width: 72, colour: false)
            assertTerminalSafe(TerminalFigure.forest(figure, style: .init(width: 1, ascii: true)), width: 40, colour: false)
            try assertWellFormed(SVGFigure.forest(figure))
        }
        let broken = ResidualPanel(term: "t", x: [.nan, 1, 2, .infinity], residuals: [1, nil, .nan],
                                   smooth: [SmoothPoint(x: .nan, fit: 1), SmoothPoint(x: 1, fit: .infinity, lower: .nan, upper: nil)])
        let constant = ResidualPanel(term: "c", x: [1, 1, 1], residuals: [2, 2, 2], smooth: [])
        for figure in [ResidualFigure(xAxis: FigureAxis(label: "", lower: .nan, upper: .nan, ticks: []), panels: []),
                       ResidualFigure(xAxis: FigureAxis(label: "Time", lower: 0, upper: 0, ticks: [.nan], tickLabels: ["a", "b"]),
                                      panels: [broken, constant])] {
            assertTerminalSafe(TerminalFigure.residuals(figure), width: 72, colour: false)
            assertTerminalSafe(TerminalFigure.residuals(figure, style: .init(ascii: true)), width: 72, colour: false)
            try assertWellFormed(SVGFigure.residuals(figure))
        }
    }

    /// No line wider than the page; no control character but newline (and escape codes only for colour).
    func assertTerminalSafe(_ text: String, width: Int, colour: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let plain = colour ? text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) : text
        for row in plain.components(separatedBy: "\n") {
            XCTAssertLessThanOrEqual(DisplayWidth.of(row), width, "too wide: \(row)", file: file, line: line)
            XCTAssertFalse(row.unicodeScalars.contains { TerminalText.needsEscape($0) || $0 == "\t" },
                           "a control character reached the terminal: \(row)", file: file, line: line)
        }
    }
}
