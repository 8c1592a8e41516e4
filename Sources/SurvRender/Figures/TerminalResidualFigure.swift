import SurvResults

extension TerminalFigure {
    /// `plot zph`: per term, the scaled Schoenfeld residuals as dots, their smooth as a solid line and its
    /// band as dashed lines, against (transformed) time, as R's `plot(cox.zph(fit))` draws them.
    public static func residuals(_ figure: ResidualFigure, style: TerminalFigureStyle = .init()) -> String {
        TerminalResidualFigure(figure, style: style).rendered()
    }
}

/// The panels are stacked, each with its own y axis and x axis, the x axis's title once under the last.
struct TerminalResidualFigure {
    let figure: ResidualFigure
    let style: TerminalFigureStyle

    /// Who draws what, for colour: the smooth, its band, the residuals.
    static let smoothOwner = 0, bandOwner = 1, residualOwner = 2

    init(_ figure: ResidualFigure, style: TerminalFigureStyle) {
        self.figure = figure
        self.style = style
    }

    func rendered() -> String {
        let width = style.pageWidth
        let format = style.format
        var grid = CharacterGrid(width: width)
        if let title = figure.title.map(FigureText.terminal), !title.isEmpty {
            grid.put(DisplayWidth.truncated(title, to: width, ellipsis: style.axis.ellipsis), line: grid.addLine(), column: 0)
        }
        guard !figure.panels.isEmpty else {
            grid.put("no terms to plot", line: grid.addLine(), column: 0)
            return grid.rendered(color: false)
        }
        let allX = figure.panels.flatMap { $0.x + $0.smooth.map(\.x) }
        let x = PreparedAxis(figure.xAxis, fallback: FigureAxis.spanning(allX, label: figure.xAxis.label),
                             percent: false, format: format)
        let xWidest = x.tickTexts.map(DisplayWidth.of).max() ?? 1

        for (index, panel) in figure.panels.enumerated() {
            var values = panel.residuals.compactMap { $0 }
            for point in panel.smooth {
                values.append(point.fit)
                if let lower = point.lower { values.append(lower) }
                if let upper = point.upper { values.append(upper) }
            }
            let y = PreparedAxis(.spanning(values, label: ""), fallback: .spanning([], label: ""), percent: false, format: format)
            let yWidest = y.tickTexts.map(DisplayWidth.of).max() ?? 1
            let margin = max(yWidest + 2, (xWidest - 1) / 2 + 1)
            let columns = max(8, width - margin - xWidest / 2)
            var canvas = DotCanvas(columns: columns, rows: style.plotHeight, ascii: style.ascii)
            draw(panel, x: x, y: y, on: &canvas)

            if index > 0 { grid.addLine() }
            let header = grid.addLine()
            let term = FigureText.terminal(panel.term)
            let p = panel.pValueText.map(FigureText.terminal) ?? ""
            let name = DisplayWidth.truncated("Beta(t) for " + term, to: max(8, width - DisplayWidth.of(p) - 2),
                                              ellipsis: style.axis.ellipsis)
            grid.put(name, line: header, column: 0)
            grid.put(p, line: header, column: width - DisplayWidth.of(p))
            TerminalAxes.putPlot(canvas, y: y, margin: margin, style: style, on: &grid)
            let ticks = TickColumns(columns: TerminalAxes.tickColumns(x, canvas: canvas, margin: margin), texts: x.tickTexts.map { [$0] })
            TerminalAxes.putXAxis(columns: ticks.columns, width: columns, margin: margin, style: style, on: &grid)
            ticks.place(x.tickTexts, line: grid.addLine(), on: &grid)
            if index == figure.panels.count - 1 && !x.label.isEmpty {
                let label = DisplayWidth.truncated(FigureText.terminal(x.label), to: width, ellipsis: style.axis.ellipsis)
                grid.put(label, line: grid.addLine(), column: max(0, margin + (columns - DisplayWidth.of(label)) / 2))
            }
        }
        return grid.rendered(color: style.color)
    }

    /// Band first, then residuals, then the smooth on top: the smooth is what the reader follows.
    private func draw(_ panel: ResidualPanel, x: PreparedAxis, y: PreparedAxis, on canvas: inout DotCanvas) {
        func dot(_ a: Double, _ b: Double) -> (x: Int, y: Int) { (canvas.dotX(x.fraction(a)), canvas.dotY(y.fraction(b))) }
        let smooth = panel.smooth.filter { $0.x.isFinite && $0.fit.isFinite }.sorted { $0.x < $1.x }
        for limit in [\SmoothPoint.lower, \SmoothPoint.upper] {
            var previous: (x: Int, y: Int)?
            for point in smooth {
                guard let value = point[keyPath: limit], value.isFinite else { previous = nil; continue }
                let here = dot(point.x, value)
                // Sparse dots in braille; in ASCII the band's own characters already set it apart.
                if let previous { canvas.line(from: previous, to: here, owner: Self.bandOwner, pattern: 1, faint: !canvas.ascii) }
                previous = here
            }
        }
        for (a, b) in zip(panel.x, panel.residuals) {
            guard let b, a.isFinite, b.isFinite else { continue }
            let here = dot(a, b)
            // Two dots by two in braille: a residual must not read as a piece of a line.
            let size = canvas.ascii ? 1 : 2
            for dx in 0..<size {
                for dy in 0..<size { canvas.dot(here.x + dx, here.y + dy, owner: Self.residualOwner, kind: DotCanvas.point) }
            }
        }
        var previous: (x: Int, y: Int)?
        for point in smooth {
            let here = dot(point.x, point.fit)
            canvas.line(from: previous ?? here, to: here, owner: Self.smoothOwner)
            previous = here
        }
    }
}
