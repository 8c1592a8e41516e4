import Foundation

/// R's approx(x, y) for one value at a time: linear, nil outside the range of x (rule = 1), tied x
/// collapsed to the mean of their y.
struct LinearInterpolation {
    private let x: [Double]
    private let y: [Double]

    /// nil with fewer than two distinct x, where R's approx stops.
    init?(x: [Double], y: [Double]) {
        let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }.enumerated()
            .sorted { $0.element.0 != $1.element.0 ? $0.element.0 < $1.element.0 : $0.offset < $1.offset }
            .map(\.element)
        var xs: [Double] = [], ys: [Double] = []
        var i = 0
        while i < pairs.count {
            var j = i
            var sum = 0.0
            while j < pairs.count && pairs[j].0 == pairs[i].0 {
                sum += pairs[j].1
                j += 1
            }
            xs.append(pairs[i].0)
            ys.append(sum / Double(j - i))
            i = j
        }
        guard xs.count >= 2 else { return nil }
        self.x = xs
        self.y = ys
    }

    func value(at v: Double) -> Double? {
        guard let first = x.first, let last = x.last, v >= first, v <= last else { return nil }
        var i = 0, j = x.count - 1
        while i < j - 1 {
            let mid = (i + j) / 2
            if v < x[mid] { j = mid } else { i = mid }
        }
        if v == x[j] { return y[j] }
        if v == x[i] { return y[i] }
        return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]))
    }
}
