/// The axes of an SVG plot: lines on the left and bottom (no box, no grid, as journals print), tick marks
/// pointing out, labels beside them. Tick labels and the number-at-risk table take their x from the same
/// position function and the same choice of printed ticks, so they cannot drift apart.
enum SVGAxes {
    static let tickLength = 5.0
    /// The least room between two tick labels (or two counts) side by side.
    static let labelGap = 8.0

    static func drawLeft(_ axis: PreparedAxis, at x: Double, top: Double, bottom: Double, position: (Double) -> Double,
                         on document: inout SVGDocument) {
        document.line(x1: x, y1: top, x2: x, y2: bottom)
        for (tick, text) in zip(axis.ticks, axis.tickTexts) {
            let y = position(tick)
            document.line(x1: x - tickLength, y1: y, x2: x, y2: y)
            document.text(text, x: x - tickLength - 3, y: y + 4, anchor: .end, size: SVGFigureStyle.fontSize)
        }
    }

    /// A y axis title, turned to read upwards, centred on the plot.
    static func drawYTitle(_ label: String, x: Double, middle: Double, on document: inout SVGDocument) {
        guard !label.isEmpty else { return }
        document.text(label, x: x, y: middle, anchor: .middle, size: SVGFigureStyle.axisTitleSize, rotate: true)
    }

    /// Which ticks get their text: every tick when the widest text at each fits beside its neighbours,
    /// otherwise every second, third, … tick from the first.
    static func printedTicks(centres: [Double], widths: [Double]) -> [Bool] {
        guard !centres.isEmpty else { return [] }
        for stride in 1...centres.count {
            var fits = true, previousEnd = -Double.infinity
            for i in Swift.stride(from: 0, to: centres.count, by: stride) {
                let half = (i < widths.count ? widths[i] : 0) / 2
                if centres[i] - half < previousEnd + labelGap { fits = false; break }
                previousEnd = centres[i] + half
            }
            if fits { return centres.indices.map { $0 % stride == 0 } }
        }
        return centres.indices.map { $0 == 0 }
    }

    static func drawBottom(_ axis: PreparedAxis, at y: Double, left: Double, right: Double, position: (Double) -> Double,
                           printed: [Bool], baseline: Double, on document: inout SVGDocument) {
        document.line(x1: left, y1: y, x2: right, y2: y)
        for (i, tick) in axis.ticks.enumerated() {
            let x = position(tick)
            document.line(x1: x, y1: y, x2: x, y2: y + tickLength)
            if i < printed.count && printed[i] {
                document.text(axis.tickTexts[i], x: x, y: baseline, anchor: .middle, size: SVGFigureStyle.fontSize)
            }
        }
    }
}
