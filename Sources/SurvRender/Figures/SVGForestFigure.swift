import SurvResults

extension SVGFigure {
    /// A forest plot in the manner of survminer's `ggforest`: a row per term (shaded every other row), the
    /// hazard ratio as a square with whiskers to its confidence limits on a log axis, a dashed line at 1,
    /// and the numbers in columns to the right.
    public static func forest(_ figure: ForestFigure, style: SVGFigureStyle = .init()) -> String {
        SVGForestFigure(figure, style: style).rendered()
    }
}

struct SVGForestFigure {
    let figure: ForestFigure
    let style: SVGFigureStyle

    static let rowHeight = 24.0

    init(_ figure: ForestFigure, style: SVGFigureStyle) {
        self.figure = figure
        self.style = style
    }

    func rendered() -> String {
        let width = style.pageWidth, font = SVGFigureStyle.fontSize, format = style.format
        let terms = figure.rows.map { SVGLegend.cut(FigureText.terminal($0.term), to: width * 0.3, size: font) }
        let numbers = figure.rows.map { format.estimate($0.hazardRatio) + " (" + format.interval($0.lower, $0.upper, format.estimate) + ")" }
        let ps = format.pValues(figure.rows.map(\.p))
        let heading = figure.numbersHeading
        let termWidth = terms.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        let numbersWidth = max(SVGTextMetrics.width(heading, size: font, bold: true),
                               numbers.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0)
        let pWidth = max(SVGTextMetrics.width("p", size: font, bold: true), ps.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0)
        let pRight = width - 12
        let numbersRight = pRight - pWidth - 20
        let plotLeft = 12 + termWidth + 20
        let plotRight = max(plotLeft + 80, numbersRight - numbersWidth - 24)

        var y = 10.0
        let titled = !(figure.title ?? "").isEmpty
        if titled { y += SVGFigureStyle.titleSize + 10 }
        let headerBaseline = y + 14
        let rowsTop = headerBaseline + 8
        let rowsBottom = rowsTop + Double(figure.rows.count) * Self.rowHeight
        let axisY = rowsBottom + 4
        let tickBaseline = axisY + 20
        let titleBaseline = axisY + 40
        let noteBaseline = titleBaseline + 24
        let hasNote = !(figure.note ?? "").isEmpty
        var document = SVGDocument(width: width, height: (hasNote ? noteBaseline : titleBaseline) + 14)
        if let title = figure.title, titled {
            document.text(SVGLegend.cut(FigureText.terminal(title), to: width - 24, size: SVGFigureStyle.titleSize * 1.06),
                          x: 12, y: 10 + SVGFigureStyle.titleSize, size: SVGFigureStyle.titleSize, bold: true)
        }
        guard !figure.rows.isEmpty else {
            document.text("no terms to plot", x: 12, y: rowsTop + 16, size: font)
            return document.rendered()
        }

        let scale = ForestScale(rows: figure.rows, maximumTicks: max(2, Int((plotRight - plotLeft) / 40)))
        func position(_ fraction: Double) -> Double { plotLeft + min(1, max(0, fraction)) * (plotRight - plotLeft) }

        document.text(heading, x: numbersRight, y: headerBaseline, anchor: .end, size: font, bold: true)
        document.text("p", x: pRight, y: headerBaseline, anchor: .end, size: font, bold: true)
        for (index, row) in figure.rows.enumerated() {
            let top = rowsTop + Double(index) * Self.rowHeight, middle = top + Self.rowHeight / 2
            if index % 2 == 0 { document.rect(x: 8, y: top, width: width - 16, height: Self.rowHeight, fill: "#f2f2f2") }
            document.text(terms[index], x: 12, y: middle + 4, size: font)
            document.text(numbers[index], x: numbersRight, y: middle + 4, anchor: .end, size: font)
            document.text(ps[index], x: pRight, y: middle + 4, anchor: .end, size: font)
            drawWhisker(row, scale: scale, position: position, middle: middle, on: &document)
        }
        if let one = scale.fraction(1) {
            document.line(x1: position(one), y1: rowsTop, x2: position(one), y2: rowsBottom, stroke: "#555555", dash: "4 3")
        }
        document.line(x1: plotLeft, y1: axisY, x2: plotRight, y2: axisY)
        let centres = scale.ticks.map { position(scale.fraction($0) ?? 0) }
        let printed = SVGAxes.printedTicks(centres: centres, widths: scale.tickTexts.map { SVGTextMetrics.width($0, size: font) })
        for (i, x) in centres.enumerated() {
            document.line(x1: x, y1: axisY, x2: x, y2: axisY + SVGAxes.tickLength)
            if printed[i] { document.text(scale.tickTexts[i], x: x, y: tickBaseline, anchor: .middle, size: font) }
        }
        document.text("Hazard ratio (log scale)", x: (plotLeft + plotRight) / 2, y: titleBaseline, anchor: .middle,
                      size: SVGFigureStyle.axisTitleSize)
        if let note = figure.note, hasNote {
            document.text(SVGLegend.cut(FigureText.terminal(note), to: width - 24, size: font), x: 12, y: noteBaseline, size: font)
        }
        return document.rendered()
    }

    /// The interval's line, an arrowhead where it runs off the axis, the hazard ratio's square; nothing for
    /// a hazard ratio that is not a positive number.
    private func drawWhisker(_ row: ForestRow, scale: ForestScale, position: (Double) -> Double, middle: Double,
                             on document: inout SVGDocument) {
        guard let centre = scale.fraction(row.hazardRatio) else { return }
        let low = scale.fraction(row.lower) ?? centre, high = scale.fraction(row.upper) ?? centre
        let from = position(min(low, centre)), to = position(max(high, centre))
        document.line(x1: from, y1: middle, x2: to, y2: middle, width: 1.5)
        var arrows = SVGPath()
        if min(low, centre) < 0 {
            arrows.move(from, middle)
            arrows.line(from + 7, middle - 4)
            arrows.line(from + 7, middle + 4)
            arrows.close()
        }
        if max(high, centre) > 1 {
            arrows.move(to, middle)
            arrows.line(to - 7, middle - 4)
            arrows.line(to - 7, middle + 4)
            arrows.close()
        }
        document.path(arrows, fill: "#000000")
        if centre >= 0 && centre <= 1 {
            document.rect(x: position(centre) - 4, y: middle - 4, width: 8, height: 8, fill: "#000000")
        }
    }
}
