import SurvResults

/// Figures as SVG documents: what `plot ... to "fig.svg"` writes and an exported notebook shows inline.
public enum SVGFigure {
    /// Kaplan–Meier (or cumulative incidence or hazard) curves as a journal prints them: step lines in a
    /// colour-blind-safe palette, censoring ticks, optional confidence ribbons, axis titles, a legend, the
    /// p-value in a free corner, and the number-at-risk table under the x axis.
    public static func survival(_ figure: SurvivalFigure, style: SVGFigureStyle = .init()) -> String {
        SVGSurvivalFigure(figure, style: style).rendered()
    }
}

/// The size and numbers of an SVG figure.
public struct SVGFigureStyle: Sendable, Equatable {
    /// The whole figure's width in pixels (CSS px).
    public var width: Double
    /// The height of one plotting area (the curves; one zph panel).
    public var plotHeight: Double
    /// Significant digits of estimates.
    public var digits: Int

    public init(width: Double = 720, plotHeight: Double = 360, digits: Int = 3) {
        self.width = width
        self.plotHeight = plotHeight
        self.digits = digits
    }

    var pageWidth: Double { width.isFinite ? min(max(width, 360), 4000) : 720 }
    var height: Double { plotHeight.isFinite ? min(max(plotHeight, 120), 4000) : 360 }
    var format: NumberFormat { NumberFormat(digits: digits) }

    static let fontSize = 12.0
    static let titleSize = 15.0
    static let axisTitleSize = 13.0
    /// Steps are thinned to one column every this many pixels: finer than a 1.5-pixel line can show.
    static let pixelsPerColumn = 2.0
}

/// The layout, top to bottom: title, legend, plot, x tick labels, x axis title, number-at-risk table. The
/// left margin holds the y tick labels and the y axis title, and is wide enough for the risk table's
/// strata names; both margins leave room for text centred on the first and last ticks.
struct SVGSurvivalFigure {
    let style: SVGFigureStyle
    let prepared: PreparedSurvivalFigure
    /// The labels as they are shown (controls made visible), cut to fit the risk table's name column.
    let names: StratumNames
    let left: Double
    let plotWidth: Double
    let legend: SVGLegend
    let plotTop: Double

    static let font = SVGFigureStyle.fontSize

    init(_ figure: SurvivalFigure, style: SVGFigureStyle) {
        self.style = style
        prepared = PreparedSurvivalFigure(figure, format: style.format)
        let width = style.pageWidth, font = Self.font
        let nameRoom = width * 0.25
        names = StratumNames(figure.strata.map(\.label)) { SVGLegend.cut($0, to: nameRoom, size: font) }
        let yTicks = prepared.y.tickTexts.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        var widest = prepared.x.tickTexts.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        var nameWidth = 0.0
        if prepared.riskTable {
            for row in prepared.atRisk { widest = max(widest, row.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0) }
            nameWidth = max(names.table.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0,
                            SVGTextMetrics.width("Number at risk", size: font, bold: true) - widest / 2)
        }
        let yTitle = prepared.y.label.isEmpty ? 0 : SVGFigureStyle.axisTitleSize + 10
        var left = max(12 + yTitle + yTicks + 14, 12 + nameWidth + 14 + widest / 2, 48)
        left = min(left, width * 0.45)
        self.left = left
        let right = max(16 + widest / 2, 24)
        plotWidth = max(60, width - left - right)

        var y = 10.0
        if let title = prepared.title, !title.isEmpty { y += SVGFigureStyle.titleSize + 10 }
        legend = SVGLegend(labels: names.legend, marks: prepared.censorMarks,
                           left: left, right: width - 12, top: y, pageLeft: 12)
        y = legend.bottom + 10
        plotTop = y
    }

    var plotBottom: Double { plotTop + style.height }
    var right: Double { left + plotWidth }

    func xPosition(_ time: Double) -> Double { left + prepared.x.fraction(time) * plotWidth }
    func yPosition(_ value: Double) -> Double { plotBottom - prepared.y.fraction(value) * style.height }

    func rendered() -> String {
        let font = Self.font
        let x = prepared.x, y = prepared.y
        let curves = prepared.curves(columns: Int(plotWidth / SVGFigureStyle.pixelsPerColumn))
        // A translucent ribbon shows no detail finer than a line does at half the resolution; drawn at
        // half, the bands of a curve that changes direction at every row still keep the file small.
        let bands = prepared.confidenceBand
            ? curves.map { $0.coarser(columns: Int(plotWidth / SVGFigureStyle.pixelsPerColumn / 2), x: x) } : []

        // What the plot covers, to find the p-value a corner where it covers nothing.
        var occupied = SVGOccupancy(left: left, top: plotTop, width: plotWidth, height: style.height)
        for band in bands { occupied.fillBand(band, x: xPosition, y: yPosition) }
        for curve in curves {
            occupied.addSteps(curve, x: xPosition, y: yPosition)
            if prepared.censorMarks {
                for mark in curve.marks { occupied.addBox(x: xPosition(mark.time) - 4, y: yPosition(mark.value) - 4, width: 8, height: 8) }
            }
        }
        let pText = prepared.pValueText.map(FigureText.terminal)
        let pCorner = pText.flatMap { occupied.freeCorner(width: SVGTextMetrics.width($0, size: font), height: font, inset: 10) }

        let tickLabelBaseline = plotBottom + 20
        var cursor = x.label.isEmpty ? tickLabelBaseline : plotBottom + 42
        let xTitleBaseline = cursor
        // A p-value no corner can take goes under the x axis title, right-aligned with the plot.
        let pBaseline = pText != nil && pCorner == nil ? cursor + 20 : nil
        if let pBaseline { cursor = pBaseline }
        let riskTop = cursor + 28
        if prepared.riskTable { cursor = riskTop + Double(prepared.atRisk.filter { $0.contains { !$0.isEmpty } }.count) * 20 }
        var document = SVGDocument(width: style.pageWidth, height: cursor + 14)

        if let title = prepared.title, !title.isEmpty {
            // Centred over the plot when it fits there, otherwise over the page; cut when it fits neither.
            let shown = SVGLegend.cut(FigureText.terminal(title), to: style.pageWidth - 24, size: SVGFigureStyle.titleSize * 1.06)
            let width = SVGTextMetrics.width(shown, size: SVGFigureStyle.titleSize, bold: true)
            let centre = min(max(left + plotWidth / 2, 12 + width / 2), style.pageWidth - 12 - width / 2)
            document.text(shown, x: centre, y: 10 + SVGFigureStyle.titleSize, anchor: .middle, size: SVGFigureStyle.titleSize, bold: true)
        }
        legend.draw(on: &document)

        // Ribbons under the lines, lines under the marks.
        if prepared.confidenceBand {
            document.openGroup("bands")
            for (index, band) in bands.enumerated() {
                for run in bandRuns(band) { document.path(run, fill: FigurePalette.svgColor(index), fillOpacity: 0.15) }
            }
            document.closeGroup()
        }
        document.openGroup("curves")
        for (index, curve) in curves.enumerated() {
            guard let first = curve.points.first else { continue }
            var path = SVGPath()
            path.move(xPosition(first.time), yPosition(first.estimate))
            for point in curve.points.dropFirst() {
                path.horizontal(xPosition(point.time))
                path.vertical(yPosition(point.estimate))
            }
            path.horizontal(xPosition(curve.end))
            document.path(path, stroke: FigurePalette.svgColor(index), width: 1.5, dash: FigurePalette.svgDash(index))
        }
        document.closeGroup()
        if prepared.censorMarks {
            document.openGroup("censored")
            for (index, curve) in curves.enumerated() {
                var path = SVGPath()
                for mark in curve.marks {
                    path.move(xPosition(mark.time), yPosition(mark.value) - 4)
                    path.verticalBy(8)
                }
                document.path(path, stroke: FigurePalette.svgColor(index), width: 1.2)
            }
            document.closeGroup()
        }

        SVGAxes.drawLeft(y, at: left, top: plotTop, bottom: plotBottom, position: yPosition, on: &document)
        // Beside the tick labels, however wide the margin the risk table's names asked for.
        let yTicks = y.tickTexts.map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
        SVGAxes.drawYTitle(SVGLegend.cut(FigureText.terminal(y.label), to: style.height, size: SVGFigureStyle.axisTitleSize),
                           x: max(12 + SVGFigureStyle.axisTitleSize, left - SVGAxes.tickLength - yTicks - 14),
                           middle: (plotTop + plotBottom) / 2, on: &document)
        let printed = SVGAxes.printedTicks(
            centres: x.ticks.map(xPosition),
            widths: x.ticks.indices.map { i in
                ([x.tickTexts[i]] + (prepared.riskTable ? prepared.atRisk.map { i < $0.count ? $0[i] : "" } : []))
                    .map { SVGTextMetrics.width($0, size: font) }.max() ?? 0
            })
        document.openGroup("x-axis")
        SVGAxes.drawBottom(x, at: plotBottom, left: left, right: right, position: xPosition, printed: printed,
                           baseline: tickLabelBaseline, on: &document)
        document.closeGroup()
        if !x.label.isEmpty {
            let shown = SVGLegend.cut(FigureText.terminal(x.label), to: plotWidth, size: SVGFigureStyle.axisTitleSize)
            document.text(shown, x: left + plotWidth / 2, y: xTitleBaseline, anchor: .middle, size: SVGFigureStyle.axisTitleSize)
        }
        if let pText {
            if let pCorner {
                document.text(pText, x: pCorner.x, y: pCorner.baseline, size: font)
            } else if let pBaseline {
                document.text(SVGLegend.cut(pText, to: right - 12, size: font), x: right, y: pBaseline, anchor: .end, size: font)
            }
        }

        if prepared.riskTable {
            document.openGroup("risk-table")
            document.text("Number at risk", x: 12, y: riskTop, size: font, bold: true)
            // A curve without a count of its own (a competing cause, counted with its stratum's event) has no row.
            for (position, (index, row)) in prepared.atRisk.enumerated().filter({ $0.element.contains { !$0.isEmpty } }).enumerated() {
                let baseline = riskTop + Double(position + 1) * 20
                document.text(index < names.table.count ? names.table[index] : "", x: 12, y: baseline, size: font,
                              fill: FigurePalette.svgColor(index))
                for (i, count) in row.enumerated() where i < printed.count && printed[i] && !count.isEmpty {
                    document.text(count, x: xPosition(x.ticks[i]), y: baseline, anchor: .middle, size: font)
                }
            }
            document.closeGroup()
        }
        return document.rendered()
    }

    /// A filled polygon per run of points whose limits both exist: along the upper limit, back along the lower.
    private func bandRuns(_ curve: PreparedCurve) -> [SVGPath] {
        var paths: [SVGPath] = []
        var run: [StepPoint] = []
        func close(at endTime: Double) {
            defer { run = [] }
            guard let first = run.first, let last = run.last,
                  let firstUpper = first.upper, let lastLower = last.lower else { return }
            var path = SVGPath()
            path.move(xPosition(first.time), yPosition(firstUpper))
            for point in run.dropFirst() {
                path.horizontal(xPosition(point.time))
                path.vertical(yPosition(point.upper ?? firstUpper))
            }
            path.horizontal(xPosition(endTime))
            path.vertical(yPosition(lastLower))
            for i in stride(from: run.count - 1, through: 1, by: -1) {
                path.horizontal(xPosition(run[i].time))
                path.vertical(yPosition(run[i - 1].lower ?? lastLower))
            }
            path.horizontal(xPosition(first.time))
            path.close()
            paths.append(path)
        }
        for point in curve.points {
            if let lower = point.lower, let upper = point.upper, lower.isFinite, upper.isFinite {
                run.append(point)
            } else if !run.isEmpty {
                close(at: point.time)
            }
        }
        if !run.isEmpty { close(at: curve.end) }
        return paths
    }
}
