import XCTest
@testable import SurvRender
import SurvResults

/// Golden terminal drawings of a Cox model: its forest plot and its zph panels.
final class TerminalCoxFiguresTests: XCTestCase {
    typealias F = FigureFixtures

    func testForest() {
        assertGolden(TerminalFigure.forest(F.forest), "forest.txt")
    }

    func testForestWithATermOffTheAxis() {
        var figure = F.forest
        figure.rows.append(F.separated)
        figure.rows.append(ForestRow(term: "broken", hazardRatio: .nan, lower: .nan, upper: .nan, p: nil))
        assertGolden(TerminalFigure.forest(figure, style: .init(ascii: true)), "forest-off-axis-ascii.txt")
    }

    func testResidualPanels() {
        assertGolden(TerminalFigure.residuals(F.residuals, style: .init(height: 9)), "zph.txt")
    }

    func testResidualPanelsASCII() {
        assertGolden(TerminalFigure.residuals(F.residuals, style: .init(height: 9, ascii: true)), "zph-ascii.txt")
    }
}
