import Foundation
import SurvResults

/// Figures drawn as terminal text: what `plot` prints at the prompt and stores in a notebook cell.
public enum TerminalFigure {
    /// Kaplan–Meier (or cumulative incidence or hazard) curves on a braille canvas, with the legend above,
    /// the p-value in a free corner and the number-at-risk table under the x ticks.
    public static func survival(_ figure: SurvivalFigure, style: TerminalFigureStyle = .init()) -> String {
        TerminalSurvivalFigure(figure, style: style).rendered()
    }

    /// How many columns of resolution the survival figure's curves are thinned to at this style, so that a
    /// JSON output can carry the points as drawn (`figure.thinned(columns:)`).
    public static func survivalResolution(_ figure: SurvivalFigure, style: TerminalFigureStyle = .init()) -> Int {
        let layout = TerminalSurvivalFigure(figure, style: style)
        return style.ascii ? layout.canvasColumns : layout.canvasColumns * 2
    }
}

/// The layout of a terminal survival figure. From top to bottom: title, legend, y-axis title, the plot
/// with its y ticks, the x axis, its tick labels, its title, and the number-at-risk table. The left margin
/// is wide enough for the y tick labels and for the strata names of the risk table, and the plot leaves
/// room right and left for the widest text centred on its first and last ticks.
struct TerminalSurvivalFigure {
    let style: TerminalFigureStyle
    let prepared: PreparedSurvivalFigure
    let names: StratumNames
    let margin: Int
    let nameWidth: Int
    let canvasColumns: Int

    init(_ figure: SurvivalFigure, style: TerminalFigureStyle) {
        self.style = style
        prepared = PreparedSurvivalFigure(figure, format: style.format)
        let width = style.pageWidth
        let yWidth = prepared.y.tickTexts.map(DisplayWidth.of).max() ?? 0
        // Names longer than a fifth of the page are cut in the risk table (the legend prints them whole).
        let room = max(8, width / 5), ellipsis = style.axis.ellipsis
        names = StratumNames(figure.strata.map(\.label)) { DisplayWidth.truncated($0, to: room, ellipsis: ellipsis) }
        let longestName = names.table.map(DisplayWidth.of).max() ?? 0
        nameWidth = prepared.riskTable ? longestName : 0
        var widest = prepared.x.tickTexts.map(DisplayWidth.of).max() ?? 1
        if prepared.riskTable {
            for row in prepared.atRisk { widest = max(widest, row.map(DisplayWidth.of).max() ?? 0) }
        }
        let overhangLeft = (widest - 1) / 2, overhangRight = widest / 2
        var margin = yWidth + 2
        if prepared.riskTable { margin = max(margin, nameWidth + 1 + overhangLeft) }
        margin = max(margin, overhangLeft)
        // A page too narrow for huge labels still keeps a plot of a few columns.
        margin = min(margin, width / 2)
        self.margin = margin
        canvasColumns = max(8, width - margin - overhangRight)
    }

    func rendered() -> String {
        let height = style.plotHeight
        var canvas = DotCanvas(columns: canvasColumns, rows: height, ascii: style.ascii)
        let curves = prepared.curves(columns: canvas.dotColumns)
        let x = prepared.x, y = prepared.y
        func dot(_ time: Double, _ value: Double) -> (x: Int, y: Int) {
            (canvas.dotX(x.fraction(time)), canvas.dotY(y.fraction(value)))
        }

        if prepared.confidenceBand {
            for (index, curve) in curves.enumerated() {
                for limit in [\StepPoint.lower, \StepPoint.upper] {
                    var run: [(x: Int, y: Int)] = []
                    for point in curve.points {
                        if let value = point[keyPath: limit], value.isFinite {
                            run.append(dot(point.time, value))
                        } else if !run.isEmpty {
                            canvas.stairs(run, endX: dot(point.time, 0).x, owner: index, pattern: index, faint: true)
                            run = []
                        }
                    }
                    canvas.stairs(run, endX: dot(curve.end, 0).x, owner: index, pattern: index, faint: true)
                }
            }
        }
        for (index, curve) in curves.enumerated() {
            canvas.stairs(curve.points.map { dot($0.time, $0.estimate) }, endX: dot(curve.end, 0).x, owner: index, pattern: index)
        }
        for (index, curve) in curves.enumerated() {
            let glyph = FigurePalette.mark(index, ascii: style.ascii)
            for mark in curve.marks {
                let at = dot(mark.time, mark.value)
                canvas.glyph(glyph, atDot: at.x, at.y, owner: index)
            }
        }

        let axis = style.axis
        var grid = CharacterGrid(width: style.pageWidth)
        putTitle(on: &grid)
        putLegend(on: &grid)
        if !y.label.isEmpty {
            grid.put(DisplayWidth.truncated(FigureText.terminal(y.label), to: style.pageWidth, ellipsis: axis.ellipsis),
                     line: grid.addLine(), column: 0)
        }
        let top = TerminalAxes.putPlot(canvas, y: y, margin: margin, style: style, on: &grid)
        var pLine: String?
        if let p = prepared.pValueText.map(FigureText.terminal) {
            if let corner = freeCorner(for: DisplayWidth.of(p), in: canvas) {
                grid.put(p, line: top + corner.row, column: margin + corner.column)
            } else {
                pLine = p
            }
        }

        // The x axis, its labels and the risk table: every column from `ticks`.
        let ticks = TickColumns(
            columns: TerminalAxes.tickColumns(x, canvas: canvas, margin: margin),
            texts: x.ticks.indices.map { i in
                [x.tickTexts[i]] + (prepared.riskTable ? prepared.atRisk.map { i < $0.count ? $0[i] : "" } : [])
            })
        TerminalAxes.putXAxis(columns: ticks.columns, width: canvasColumns, margin: margin, style: style, on: &grid)
        ticks.place(x.tickTexts, line: grid.addLine(), on: &grid)
        if !x.label.isEmpty {
            let label = DisplayWidth.truncated(FigureText.terminal(x.label), to: style.pageWidth, ellipsis: axis.ellipsis)
            grid.put(label, line: grid.addLine(), column: centred(DisplayWidth.of(label)))
        }
        if let pLine {
            let text = DisplayWidth.truncated(pLine, to: style.pageWidth, ellipsis: axis.ellipsis)
            grid.put(text, line: grid.addLine(), column: max(0, margin + canvasColumns - DisplayWidth.of(text)))
        }
        if prepared.riskTable {
            grid.put("Number at risk", line: grid.addLine(), column: 0)
            // A curve without a count of its own (a competing cause, counted with its stratum's event) has no row.
            for (index, row) in prepared.atRisk.enumerated() where row.contains(where: { !$0.isEmpty }) {
                let line = grid.addLine()
                grid.put(index < names.table.count ? names.table[index] : "", line: line, column: 0, color: index)
                ticks.place(row, line: line, on: &grid)
            }
        }
        return grid.rendered(color: style.color)
    }

    /// The column where text of `width` columns is centred over the plot, kept on the page.
    private func centred(_ width: Int) -> Int {
        max(0, min(style.pageWidth - width, margin + (canvasColumns - width) / 2))
    }

    private func putTitle(on grid: inout CharacterGrid) {
        guard let title = prepared.title.map(FigureText.terminal), !title.isEmpty else { return }
        let text = DisplayWidth.truncated(title, to: style.pageWidth, ellipsis: style.axis.ellipsis)
        grid.put(text, line: grid.addLine(), column: centred(DisplayWidth.of(text)))
    }

    /// One entry per stratum: a sample of its line with its censoring mark, then its name; entries flow
    /// onto as many lines as they need, starting over the plot.
    private func putLegend(on grid: inout CharacterGrid) {
        let names = names.legend
        guard !(names.count == 1 && names[0].isEmpty) && !names.isEmpty else { return }
        let samples = names.indices.map(legendSample)
        // Over the plot when the entries fit there on one line, otherwise from the page's edge.
        let oneLine = zip(samples, names).reduce(-3) { $0 + 3 + $1.0.count + 1 + DisplayWidth.of($1.1) }
        let start = oneLine <= style.pageWidth - margin ? margin : 0
        var line = grid.addLine(), column = start
        for (index, name) in names.enumerated() {
            let sample = samples[index]
            let label = DisplayWidth.truncated(name, to: max(4, style.pageWidth - start - sample.count - 1), ellipsis: style.axis.ellipsis)
            let width = sample.count + 1 + DisplayWidth.of(label)
            if column > start && column + width > style.pageWidth {
                line = grid.addLine()
                column = start
            }
            for (offset, cell) in sample.enumerated() {
                grid.put(cell.text, line: line, column: column + offset, color: cell.owner)
            }
            grid.put(label, line: line, column: column + sample.count + 1)
            column += width + 3
        }
    }

    /// Four cells of the stratum's line pattern (two periods of a dash), then its censoring mark.
    private func legendSample(_ index: Int) -> [(text: String, owner: Int)] {
        var sample = DotCanvas(columns: 4, rows: 1, ascii: style.ascii)
        let row = style.ascii ? 0 : 1
        sample.stairs([(0, row)], endX: sample.dotColumns - 1, owner: index, pattern: index)
        let line = (0..<4).map { sample.cell(column: $0, row: 0) ?? (" ", index) }
        guard prepared.censorMarks else { return line }
        return line + [(" ", index), (FigurePalette.mark(index, ascii: style.ascii), index)]
    }

    /// A corner of the plot where text `width` columns wide and a blank cell around it cover nothing
    /// drawn: bottom left (under falling curves), top right, bottom right, top left.
    private func freeCorner(for width: Int, in canvas: DotCanvas) -> (row: Int, column: Int)? {
        let bottom = canvas.rows - 1
        let right = canvas.columns - width - 1
        guard right >= 2 else { return nil }
        for (row, column) in [(bottom, 2), (0, right), (bottom, right), (0, 2)] {
            var free = true
            for r in (row - 1)...(row + 1) where free {
                for c in (column - 1)...(column + width) where !canvas.isBlank(column: c, row: r) {
                    free = false
                    break
                }
            }
            if free { return (row, column) }
        }
        return nil
    }
}
