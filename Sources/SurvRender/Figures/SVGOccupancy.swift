/// Which parts of an SVG plot have something drawn on them, on a grid of 4-pixel cells, so that text placed
/// inside the plot (the p-value) goes where it covers nothing: survminer's p-values printed over the
/// curves are what this prevents.
struct SVGOccupancy {
    let left: Double
    let top: Double
    let columns: Int
    let rows: Int
    private var taken: [Bool]

    static let cell = 4.0

    init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        columns = max(1, Int((width / Self.cell).rounded(.up)))
        rows = max(1, Int((height / Self.cell).rounded(.up)))
        taken = [Bool](repeating: false, count: columns * rows)
    }

    private func column(_ x: Double) -> Int { Self.index((x - left) / Self.cell, count: columns) }
    private func row(_ y: Double) -> Int { Self.index((y - top) / Self.cell, count: rows) }

    /// Clamped in floating point first: a coordinate far off the plot would not fit in an Int.
    private static func index(_ value: Double, count: Int) -> Int {
        guard value.isFinite else { return value > 0 ? count - 1 : 0 }
        return Int(min(Double(count - 1), max(0, value.rounded(.down))))
    }

    mutating func addBox(x: Double, y: Double, width: Double, height: Double) {
        guard x.isFinite, y.isFinite, width.isFinite, height.isFinite else { return }
        for r in row(min(y, y + height))...row(max(y, y + height)) {
            for c in column(min(x, x + width))...column(max(x, x + width)) { taken[r * columns + c] = true }
        }
    }

    /// The horizontal runs and vertical drops of a step curve.
    mutating func addSteps(_ curve: PreparedCurve, x: (Double) -> Double, y: (Double) -> Double) {
        guard var previous = curve.points.first else { return }
        for point in curve.points.dropFirst() {
            addBox(x: x(previous.time), y: y(previous.estimate), width: x(point.time) - x(previous.time), height: 0)
            let a = y(previous.estimate), b = y(point.estimate)
            addBox(x: x(point.time), y: min(a, b), width: 0, height: abs(a - b))
            previous = point
        }
        addBox(x: x(previous.time), y: y(previous.estimate), width: x(curve.end) - x(previous.time), height: 0)
    }

    /// Everything between a curve's lower and upper limits.
    mutating func fillBand(_ curve: PreparedCurve, x: (Double) -> Double, y: (Double) -> Double) {
        for (i, point) in curve.points.enumerated() {
            guard let lower = point.lower, let upper = point.upper, lower.isFinite, upper.isFinite else { continue }
            let end = i + 1 < curve.points.count ? curve.points[i + 1].time : curve.end
            let a = y(upper), b = y(lower)
            addBox(x: x(point.time), y: min(a, b), width: x(end) - x(point.time), height: abs(b - a))
        }
    }

    /// Where text `width` × `height` pixels can go, `inset` from the plot's edges with a margin of one cell
    /// around it free: bottom left (under falling curves), top right, bottom right, top left. Returns the
    /// text's start and baseline.
    func freeCorner(width: Double, height: Double, inset: Double) -> (x: Double, baseline: Double)? {
        let plotWidth = Double(columns) * Self.cell, plotHeight = Double(rows) * Self.cell
        guard width + 2 * inset < plotWidth, height + 2 * inset < plotHeight else { return nil }
        let xs = (near: left + inset, far: left + plotWidth - inset - width)
        let ys = (near: top + inset, far: top + plotHeight - inset - height)
        for (x, y) in [(xs.near, ys.far), (xs.far, ys.near), (xs.far, ys.far), (xs.near, ys.near)]
        where isFree(x: x - Self.cell, y: y - Self.cell, width: width + 2 * Self.cell, height: height + 2 * Self.cell) {
            // The baseline sits a fifth of the font's size above the box's bottom, for the descenders.
            return (x, y + height * 0.85)
        }
        return nil
    }

    private func isFree(x: Double, y: Double, width: Double, height: Double) -> Bool {
        for r in row(min(y, y + height))...row(max(y, y + height)) {
            for c in column(min(x, x + width))...column(max(x, x + width)) where taken[r * columns + c] { return false }
        }
        return true
    }
}
