// crr reads its censoring curve with R's approx; the same reading, knot for knot, keeps its weights.

/// R's `approx(x, y, xout, method = "constant", f = 0, rule = 2)` for increasing xout: the y of the last knot
/// at or below xout, y's first value below the knots and its last above them. Knots at one x (only when the
/// last tied time is 0, so that last·(1 + 10ε) is that time again) are merged into the mean of their y, as
/// approx's default `ties = mean` does.
struct StepReading {
    let x: [Double]
    let y: [Double]

    init(x: [Double], y: [Double]) {
        var mergedX: [Double] = [], mergedY: [Double] = []
        var i = 0
        while i < x.count {
            var end = i, sum = 0.0
            while end < x.count, x[end] == x[i] {
                sum += y[end]
                end += 1
            }
            mergedX.append(x[i])
            mergedY.append(sum / Double(end - i))
            i = end
        }
        self.x = mergedX
        self.y = mergedY
    }

    /// The reading at `value`; `knot` carries the search position from one call to the next, so reading
    /// increasing values costs one pass over the knots.
    func read(at value: Double, from knot: inout Int) -> Double {
        guard let firstX = x.first, let lastX = x.last else { return 1 }
        if value < firstX { return y[0] }
        if value > lastX { return y[y.count - 1] }
        while knot + 1 < x.count, x[knot + 1] <= value { knot += 1 }
        return y[knot]
    }
}
