import SurvResults

/// The frame every terminal plot shares: the y axis with its labelled ticks left of the canvas, and the x
/// axis line with a tick mark at each tick column.
enum TerminalAxes {
    /// Adds the canvas's rows to the page, the y axis at column `margin - 1` with tick labels right-aligned
    /// before it; returns the line of the canvas's first row.
    @discardableResult
    static func putPlot(_ canvas: DotCanvas, y: PreparedAxis, margin: Int, style: TerminalFigureStyle,
                        on grid: inout CharacterGrid) -> Int {
        let top = grid.lines.count
        for row in 0..<canvas.rows {
            let line = grid.addLine()
            grid.put(style.axis.vertical, line: line, column: margin - 1)
            for column in 0..<canvas.columns {
                if let cell = canvas.cell(column: column, row: row) {
                    grid.put(cell.text, line: line, column: margin + column, color: cell.owner)
                }
            }
        }
        for (tick, text) in zip(y.ticks, y.tickTexts) {
            let line = top + canvas.cellRow(ofDot: canvas.dotY(y.fraction(tick)))
            grid.put(style.axis.tick, line: line, column: margin - 1)
            grid.put(text, line: line, column: margin - 2 - DisplayWidth.of(text))
        }
        return top
    }

    /// The page column of each x tick on `canvas` placed at `margin`.
    static func tickColumns(_ axis: PreparedAxis, canvas: DotCanvas, margin: Int) -> [Int] {
        axis.ticks.map { margin + canvas.cellColumn(ofDot: canvas.dotX(axis.fraction($0))) }
    }

    /// The x axis line under a canvas `width` columns wide, with a tick mark at each column.
    static func putXAxis(columns: [Int], width: Int, margin: Int, style: TerminalFigureStyle, on grid: inout CharacterGrid) {
        let line = grid.addLine()
        grid.put(style.axis.corner, line: line, column: margin - 1)
        grid.put(String(repeating: style.axis.horizontal, count: max(0, width)), line: line, column: margin)
        for column in columns { grid.put(style.axis.xTick, line: line, column: column) }
    }
}
