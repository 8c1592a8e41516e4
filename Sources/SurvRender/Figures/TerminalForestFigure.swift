import SurvResults

extension TerminalFigure {
    /// A forest plot: per term, its name, its hazard ratio as a point with whiskers to the confidence limits
    /// on a log axis with the line of no effect, and the numbers beside it.
    public static func forest(_ figure: ForestFigure, style: TerminalFigureStyle = .init()) -> String {
        TerminalForestFigure(figure, style: style).rendered()
    }
}

/// Columns, left to right: term, plot, `HR (95% CI)`, p. The text columns take what they need (a term's
/// name is cut at a quarter of the page); the plot gets the rest.
struct TerminalForestFigure {
    let figure: ForestFigure
    let style: TerminalFigureStyle

    init(_ figure: ForestFigure, style: TerminalFigureStyle) {
        self.figure = figure
        self.style = style
    }

    func rendered() -> String {
        let width = style.pageWidth
        let format = style.format
        let axis = style.axis
        var grid = CharacterGrid(width: width)
        if let title = figure.title.map(FigureText.terminal), !title.isEmpty {
            grid.put(DisplayWidth.truncated(title, to: width, ellipsis: axis.ellipsis), line: grid.addLine(), column: 0)
        }
        guard !figure.rows.isEmpty else {
            grid.put("no terms to plot", line: grid.addLine(), column: 0)
            return grid.rendered(color: false)
        }

        let terms = figure.rows.map { FigureText.terminal($0.term) }
        let numbers = figure.rows.map { row -> String in
            let text = format.estimate(row.hazardRatio) + " (" + format.interval(row.lower, row.upper, format.estimate) + ")"
            return style.ascii ? text.replacingOccurrences(of: "–", with: "-") : text
        }
        let ps = format.pValues(figure.rows.map(\.p))
        let heading = figure.numbersHeading
        let numbersWidth = max(DisplayWidth.of(heading), numbers.map(DisplayWidth.of).max() ?? 0)
        let pWidth = ps.map(DisplayWidth.of).max() ?? 1
        let termWidth = min(terms.map(DisplayWidth.of).max() ?? 0, max(8, width / 4))
        let plotStart = termWidth + 2
        let plotWidth = max(10, width - plotStart - 2 - numbersWidth - 2 - pWidth)
        let numbersStart = plotStart + plotWidth + 2
        let pStart = numbersStart + numbersWidth + 2

        let scale = ForestScale(rows: figure.rows, maximumTicks: max(2, plotWidth / 6))
        func column(_ fraction: Double) -> Int {
            plotStart + Int((min(1, max(0, fraction)) * Double(plotWidth - 1)).rounded())
        }
        let one = scale.fraction(1).map(column)

        let header = grid.addLine()
        grid.put(heading, line: header, column: numbersStart + numbersWidth - DisplayWidth.of(heading))
        grid.put("p", line: header, column: pStart + pWidth - 1)
        for (index, row) in figure.rows.enumerated() {
            let line = grid.addLine()
            grid.put(DisplayWidth.truncated(terms[index], to: termWidth, ellipsis: axis.ellipsis), line: line, column: 0)
            if let one { grid.put(axis.vertical, line: line, column: one) }
            drawWhisker(row, scale: scale, column: column, line: line, referenceColumn: one, on: &grid)
            grid.put(numbers[index], line: line, column: numbersStart + numbersWidth - DisplayWidth.of(numbers[index]))
            grid.put(ps[index], line: line, column: pStart + pWidth - DisplayWidth.of(ps[index]))
        }

        let ticks = TickColumns(columns: scale.ticks.map { scale.fraction($0).map(column) ?? plotStart },
                                texts: scale.tickTexts.map { [$0] })
        TerminalAxes.putXAxis(columns: ticks.columns, width: plotWidth, margin: plotStart, style: style, on: &grid)
        ticks.place(scale.tickTexts, line: grid.addLine(), on: &grid)
        let label = "Hazard ratio (log scale)"
        grid.put(label, line: grid.addLine(), column: max(0, plotStart + (plotWidth - label.count) / 2))
        if let note = figure.note.map(FigureText.terminal), !note.isEmpty {
            grid.put(DisplayWidth.truncated(note, to: width, ellipsis: axis.ellipsis), line: grid.addLine(), column: 0)
        }
        return grid.rendered(color: style.color)
    }

    /// `├──●──┤` from the lower to the upper limit; an end off the axis becomes an arrow at the edge, and a
    /// hazard ratio that is not a positive number draws nothing (its numbers say why).
    private func drawWhisker(_ row: ForestRow, scale: ForestScale, column: (Double) -> Int, line: Int,
                             referenceColumn: Int?, on grid: inout CharacterGrid) {
        guard let centre = scale.fraction(row.hazardRatio) else { return }
        let low = scale.fraction(row.lower) ?? centre, high = scale.fraction(row.upper) ?? centre
        let from = column(min(low, centre)), to = column(max(high, centre))
        let glyphs = style.ascii
            ? (line: "-", left: "[", right: "]", point: "o", crossing: "+")
            : (line: "─", left: "├", right: "┤", point: "●", crossing: "┼")
        if to > from {
            for c in from...to { grid.put(c == referenceColumn ? glyphs.crossing : glyphs.line, line: line, column: c, color: 0) }
        }
        grid.put(low < 0 ? "<" : glyphs.left, line: line, column: from, color: 0)
        grid.put(high > 1 ? ">" : glyphs.right, line: line, column: to, color: 0)
        if centre >= 0 && centre <= 1 {
            grid.put(glyphs.point, line: line, column: column(centre), color: 0)
        } else {
            grid.put(centre < 0 ? "<" : ">", line: line, column: column(centre), color: 0)
        }
    }
}
