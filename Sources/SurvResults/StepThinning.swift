
/// A million-row curve has a million steps, but a figure only has so many columns of dots or pixels. Within
/// one column a step function draws a vertical stroke from the lowest to the highest value it takes there
/// and leaves at its last value; keeping only the points that decide those (and the extremes of the band)
/// draws the same picture from a few points per column, in time linear in the input.
public enum StepThinning {
    /// The most points one column keeps: first, last, lowest and highest estimate, lowest lower limit,
    /// highest upper limit.
    public static let pointsPerColumn = 6

    /// The points of a step curve that draw it at `columns` equal slices of [from, to]. Points with a time
    /// or estimate that is not finite are skipped; the value in force at `from` becomes a point at `from`;
    /// points after `to` are dropped. Unordered input is ordered by time first.
    public static func thin(_ points: [StepPoint], from start: Double, to end: Double, columns: Int) -> [StepPoint] {
        let ordered = isOrdered(points) ? points : points.sorted { $0.time < $1.time }
        return thin(PointSource(points: ordered), from: start, to: end, columns: columns)
    }

    /// The same, straight from a curve's columns (survfit's `time`, `surv`, `lower`, `upper`), without
    /// first making a point per row: what a command holding a million-row curve should call. `first`, when
    /// given, is a point before the columns' first (the curve's start at time 0). Limits may be empty.
    public static func thin(time: [Double], estimate: [Double], lower: [Double?] = [], upper: [Double?] = [],
                            first: StepPoint? = nil, from start: Double, to end: Double, columns: Int) -> [StepPoint] {
        let count = min(time.count, estimate.count)
        var ordered = true, previous = first?.time ?? -Double.infinity
        for i in 0..<count where time[i].isFinite {
            if time[i] < previous { ordered = false; break }
            previous = time[i]
        }
        guard ordered else {
            // Rare enough (a caller's bug) to take the slow road through points.
            var points = first.map { [$0] } ?? []
            for i in 0..<count {
                points.append(StepPoint(time: time[i], estimate: estimate[i], lower: i < lower.count ? lower[i] : nil,
                                        upper: i < upper.count ? upper[i] : nil))
            }
            return thin(points, from: start, to: end, columns: columns)
        }
        return thin(ColumnSource(time: time, estimate: estimate, lower: lower, upper: upper, count: count, first: first),
                    from: start, to: end, columns: columns)
    }

    /// Times thinned to at most one per column of [from, to], in order; others are dropped.
    public static func thinTimes(_ times: [Double], from start: Double, to end: Double, columns: Int) -> [Double] {
        guard start.isFinite, end.isFinite, end > start else { return [] }
        let columns = max(1, min(columns, 1 << 20))
        let scale = Double(columns) / (end - start)
        var seen = [Bool](repeating: false, count: columns)
        var out: [Double] = []
        for time in times where time.isFinite && time >= start && time <= end {
            let column = Self.column(time, start: start, scale: scale, columns: columns)
            if !seen[column] {
                seen[column] = true
                out.append(time)
            }
        }
        return out.sorted()
    }

    /// The column of a time. A range too narrow or too wide for a Double (1e-320 across, or -1e308 to 1e308)
    /// makes the product infinite or NaN; those go to the last or first column instead of trapping.
    @inline(__always)
    private static func column(_ time: Double, start: Double, scale: Double, columns: Int) -> Int {
        let position = (time - start) * scale
        guard position.isFinite else { return position > 0 ? columns - 1 : 0 }
        return Int(min(Double(columns - 1), max(0, position)))
    }

    public static func isOrdered(_ points: [StepPoint]) -> Bool {
        var previous = -Double.infinity
        for point in points where point.time.isFinite {
            if point.time < previous { return false }
            previous = point.time
        }
        return true
    }

    /// The one thinning pass, over any ordered source of points.
    private static func thin<Source: StepSource>(_ source: Source, from start: Double, to end: Double, columns: Int) -> [StepPoint] {
        guard start.isFinite, end.isFinite, end > start else { return [] }
        let columns = max(1, min(columns, 1 << 20))
        let scale = Double(columns) / (end - start)
        var out: [StepPoint] = []
        out.reserveCapacity(min(source.count, columns * pointsPerColumn) + 1)
        var before = -1
        var column = -1
        var kept = ColumnExtremes()

        for index in 0..<source.count {
            let time = source.time(index), estimate = source.estimate(index)
            guard time.isFinite, estimate.isFinite else { continue }
            if time < start {
                before = index
                continue
            }
            if time > end { break }
            if before >= 0 {
                // The value in force when the axis starts.
                var point = source.point(before)
                point.time = start
                out.append(point)
                before = -1
            }
            let here = Self.column(time, start: start, scale: scale, columns: columns)
            if here != column {
                kept.flush(source, into: &out)
                column = here
                kept = ColumnExtremes(first: index)
            }
            kept.add(index, estimate: estimate, lower: source.lower(index), upper: source.upper(index))
        }
        kept.flush(source, into: &out)
        if before >= 0 {
            // Every point lies before the axis: the curve crosses it at its last value.
            var point = source.point(before)
            point.time = start
            out.append(point)
        }
        return out
    }

    /// The deciding points of the column being read, as indices into the source.
    private struct ColumnExtremes {
        var first = -1, last = -1, lowest = -1, highest = -1, lowestLimit = -1, highestLimit = -1
        var lowestValue = Double.infinity, highestValue = -Double.infinity
        var lowestLimitValue = Double.infinity, highestLimitValue = -Double.infinity

        init() {}
        init(first: Int) { self.first = first }

        mutating func add(_ index: Int, estimate: Double, lower: Double?, upper: Double?) {
            last = index
            if estimate < lowestValue { lowestValue = estimate; lowest = index }
            if estimate > highestValue { highestValue = estimate; highest = index }
            if let lower, lower.isFinite, lower < lowestLimitValue { lowestLimitValue = lower; lowestLimit = index }
            if let upper, upper.isFinite, upper > highestLimitValue { highestLimitValue = upper; highestLimit = index }
        }

        func flush<Source: StepSource>(_ source: Source, into out: inout [StepPoint]) {
            guard first >= 0 else { return }
            var list = [first, last, lowest, highest, lowestLimit, highestLimit]
            list.sort()
            var previous = -1
            for index in list where index >= 0 && index != previous {
                out.append(source.point(index))
                previous = index
            }
        }
    }
}

/// Indexed access to a step curve, so one thinning pass serves an array of points and a curve's columns.
private protocol StepSource {
    var count: Int { get }
    func time(_ index: Int) -> Double
    func estimate(_ index: Int) -> Double
    func lower(_ index: Int) -> Double?
    func upper(_ index: Int) -> Double?
    func point(_ index: Int) -> StepPoint
}

private struct PointSource: StepSource {
    let points: [StepPoint]
    var count: Int { points.count }
    func time(_ index: Int) -> Double { points[index].time }
    func estimate(_ index: Int) -> Double { points[index].estimate }
    func lower(_ index: Int) -> Double? { points[index].lower }
    func upper(_ index: Int) -> Double? { points[index].upper }
    func point(_ index: Int) -> StepPoint { points[index] }
}

/// Columns with an optional point before them (index 0 when present).
private struct ColumnSource: StepSource {
    let time: [Double], estimate: [Double], lower: [Double?], upper: [Double?]
    let rows: Int
    let first: StepPoint?

    init(time: [Double], estimate: [Double], lower: [Double?], upper: [Double?], count: Int, first: StepPoint?) {
        self.time = time
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        rows = count
        self.first = first
    }

    var count: Int { rows + (first == nil ? 0 : 1) }
    private var offset: Int { first == nil ? 0 : 1 }
    func time(_ index: Int) -> Double { index < offset ? first?.time ?? .nan : time[index - offset] }
    func estimate(_ index: Int) -> Double { index < offset ? first?.estimate ?? .nan : estimate[index - offset] }
    func lower(_ index: Int) -> Double? {
        if index < offset { return first?.lower }
        return index - offset < lower.count ? lower[index - offset] : nil
    }
    func upper(_ index: Int) -> Double? {
        if index < offset { return first?.upper }
        return index - offset < upper.count ? upper[index - offset] : nil
    }
    func point(_ index: Int) -> StepPoint {
        StepPoint(time: time(index), estimate: estimate(index), lower: lower(index), upper: upper(index))
    }
}
