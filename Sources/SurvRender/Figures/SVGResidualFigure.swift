import SurvResults

extension SVGFigure {
    /// `plot zph` as R draws it: per term, the scaled Schoenfeld residuals as dots, their smooth as a solid
    /// line and its band as dashed lines, against (transformed) time labelled with times.
    public static func residuals(_ figure: ResidualFigure, style: SVGFigureStyle = .init()) -> String {
        SVGResidualFigure(figure, style: style).rendered()
    }
}

/// Panels stacked down the page, each with its own axes; the p-value of each sits above its panel.
struct SVGResidualFigure {
    let figure: ResidualFigure
    let style: SVGFigureStyle

    /// A panel is shorter than a survival plot: several stand one above another.
    var panelHeight: Double { (style.height * 2 / 3).rounded() }
    /// The most residual dots one panel draws; more are merged on a coarser grid, so a model with a
    /// hundred thousand events still gives a small file.
    static let maximumDots = 4000

    init(_ figure: ResidualFigure, style: SVGFigureStyle) {
        self.figure = figure
        self.style = style
    }

    func rendered() -> String {
        let width = style.pageWidth, font = SVGFigureStyle.fontSize, format = style.format
        let allX = figure.panels.flatMap { $0.x + $0.smooth.map(\.x) }
        let x = PreparedAxis(figure.xAxis, fallback: FigureAxis.spanning(allX, label: figure.xAxis.label), percent: false, format: format)
        let axes = figure.panels.map { panel -> PreparedAxis in
            var values = panel.residuals.compactMap { $0 }
            for point in panel.smooth { values += [point.fit, point.lower, point.upper].compactMap { $0 } }
            return PreparedAxis(.spanning(values, label: ""), fallback: .spanning([], label: ""), percent: false, format: format)
        }
        let yTicks = axes.flatMap { $0.tickTexts }.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        let xWidest = x.tickTexts.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        let left = max(12 + SVGFigureStyle.axisTitleSize + 10 + yTicks + 14, 12 + xWidest / 2)
        let right = width - max(20, xWidest / 2 + 12)
        let panelStride = 24 + panelHeight + 36

        var top = 10.0
        let titled = !(figure.title ?? "").isEmpty
        if titled { top += SVGFigureStyle.titleSize + 10 }
        let panelsTop = top
        let bottom = panelsTop + Double(figure.panels.count) * panelStride + (x.label.isEmpty ? 0 : 20)
        var document = SVGDocument(width: width, height: max(bottom, panelsTop + 40) + 10)
        if let title = figure.title, titled {
            document.text(SVGLegend.cut(FigureText.terminal(title), to: width - 24, size: SVGFigureStyle.titleSize * 1.06),
                          x: 12, y: 10 + SVGFigureStyle.titleSize, size: SVGFigureStyle.titleSize, bold: true)
        }
        guard !figure.panels.isEmpty else {
            document.text("no terms to plot", x: 12, y: panelsTop + 16, size: font)
            return document.rendered()
        }

        for (index, panel) in figure.panels.enumerated() {
            let y = axes[index]
            let plotTop = panelsTop + Double(index) * panelStride + 24
            let plotBottom = plotTop + panelHeight
            func px(_ value: Double) -> Double { left + x.fraction(value) * (right - left) }
            func py(_ value: Double) -> Double { plotBottom - y.fraction(value) * panelHeight }
            document.openGroup("panel-\(index + 1)")
            if let p = panel.pValueText, !p.isEmpty {
                document.text(SVGLegend.cut(FigureText.terminal(p), to: right - left, size: font), x: right, y: plotTop - 8,
                              anchor: .end, size: font)
            }
            drawBand(panel, x: px, y: py, on: &document)
            drawResiduals(panel, x: px, y: py, width: right - left, on: &document)
            var smooth = SVGPath()
            for point in panel.smooth where point.x.isFinite && point.fit.isFinite {
                if smooth.isEmpty { smooth.move(px(point.x), py(point.fit)) } else { smooth.line(px(point.x), py(point.fit)) }
            }
            document.path(smooth, stroke: FigurePalette.svgColor(0), width: 1.5)
            SVGAxes.drawLeft(y, at: left, top: plotTop, bottom: plotBottom, position: py, on: &document)
            let yTitle = SVGLegend.cut("Beta(t) for " + FigureText.terminal(panel.term), to: panelHeight, size: SVGFigureStyle.axisTitleSize)
            SVGAxes.drawYTitle(yTitle, x: 12 + SVGFigureStyle.axisTitleSize,
                               middle: (plotTop + plotBottom) / 2, on: &document)
            let centres = x.ticks.map(px)
            SVGAxes.drawBottom(x, at: plotBottom, left: left, right: right, position: px,
                               printed: SVGAxes.printedTicks(centres: centres, widths: x.tickTexts.map { SVGTextMetrics.width($0, size: font) }),
                               baseline: plotBottom + 20, on: &document)
            document.closeGroup()
        }
        if !x.label.isEmpty {
            let lastBottom = panelsTop + Double(figure.panels.count - 1) * panelStride + 24 + panelHeight
            document.text(SVGLegend.cut(FigureText.terminal(x.label), to: right - left, size: SVGFigureStyle.axisTitleSize),
                          x: (left + right) / 2, y: lastBottom + 42, anchor: .middle, size: SVGFigureStyle.axisTitleSize)
        }
        return document.rendered()
    }

    private func drawBand(_ panel: ResidualPanel, x: (Double) -> Double, y: (Double) -> Double, on document: inout SVGDocument) {
        for limit in [\SmoothPoint.lower, \SmoothPoint.upper] {
            var path = SVGPath(), open = false
            for point in panel.smooth where point.x.isFinite {
                guard let value = point[keyPath: limit], value.isFinite else { open = false; continue }
                if open { path.line(x(point.x), y(value)) } else { path.move(x(point.x), y(value)) }
                open = true
            }
            document.path(path, stroke: FigurePalette.svgColor(0), width: 1, dash: "5 4")
        }
    }

    /// Dots as zero-length round-capped strokes (a few bytes each), one per grid cell: 2 pixels, or coarser
    /// when that would still leave more than `maximumDots`.
    private func drawResiduals(_ panel: ResidualPanel, x: (Double) -> Double, y: (Double) -> Double, width: Double,
                               on document: inout SVGDocument) {
        var points: [(Double, Double)] = []
        for (a, b) in zip(panel.x, panel.residuals) {
            guard let b, a.isFinite, b.isFinite else { continue }
            points.append((x(a), y(b)))
        }
        // Each coarser pass merges what the finer one kept, so only the first pass sees every residual.
        var cell = 2.0, kept = points
        for _ in 0..<12 {
            var seen = Set<Int64>()
            let candidates = kept
            kept = []
            for (px, py) in candidates {
                let key = Int64((px / cell).rounded(.down)) << 32 | Int64(UInt32(truncatingIfNeeded: Int((py / cell).rounded(.down))))
                if seen.insert(key).inserted { kept.append((px, py)) }
            }
            if kept.count <= Self.maximumDots { break }
            cell *= 2
        }
        var path = SVGPath()
        for (px, py) in kept {
            path.move(px, py)
            path.horizontalBy(0)
        }
        document.pathWithRoundDots(path, color: "#555555", size: 4)
    }
}
