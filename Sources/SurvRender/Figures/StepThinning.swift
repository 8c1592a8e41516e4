import SurvResults

/// A million-row curve has a million steps, but a figure only has so many columns of dots or pixels. Within
/// one column a step function draws a vertical stroke from the lowest to the highest value it takes there
/// and leaves at its last value; keeping only the points that decide those (and the extremes of the band)
/// draws the same picture from a few points per column, in time linear in the input.
public enum StepThinning {
    /// The most points one column keeps: first, last, lowest and highest estimate, lowest lower limit,
    /// highest upper limit.
    public static let pointsPerColumn = 6

    /// The points of a step curve that draw it at `columns` equal slices of [lower, upper]. Points with a
    /// time or estimate that is not finite are skipped; the value in force at `lower` becomes a point at
    /// `lower`; points after `upper` are dropped. Unordered input is ordered by time first.
    public static func thin(_ points: [StepPoint], lower: Double, upper: Double, columns: Int) -> [StepPoint] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return [] }
        let columns = max(1, min(columns, 1 << 20))
        let ordered = isOrdered(points) ? points : points.sorted { $0.time < $1.time }
        let scale = Double(columns) / (upper - lower)

        var out: [StepPoint] = []
        out.reserveCapacity(min(ordered.count, columns * pointsPerColumn) + 1)
        var before: StepPoint?
        var column = -1
        // Indices into `ordered` of the current column's deciding points.
        var first = -1, last = -1, lowest = -1, highest = -1, lowestLimit = -1, highestLimit = -1

        func flush() {
            guard first >= 0 else { return }
            var kept = [first, last, lowest, highest, lowestLimit, highestLimit].filter { $0 >= 0 }
            kept.sort()
            var previous = -1
            for index in kept where index != previous {
                out.append(ordered[index])
                previous = index
            }
            first = -1
        }

        for (index, point) in ordered.enumerated() {
            guard point.time.isFinite, point.estimate.isFinite else { continue }
            if point.time < lower {
                before = point
                continue
            }
            if point.time > upper { break }
            if let start = before {
                // The value in force when the axis starts.
                out.append(StepPoint(time: lower, estimate: start.estimate, lower: start.lower, upper: start.upper))
                before = nil
            }
            let here = min(columns - 1, Int((point.time - lower) * scale))
            if here != column {
                flush()
                column = here
                first = index
                lowest = index
                highest = index
                lowestLimit = point.lower.map { $0.isFinite ? index : -1 } ?? -1
                highestLimit = point.upper.map { $0.isFinite ? index : -1 } ?? -1
            }
            last = index
            if point.estimate < ordered[lowest].estimate { lowest = index }
            if point.estimate > ordered[highest].estimate { highest = index }
            if let limit = point.lower, limit.isFinite,
               lowestLimit < 0 || limit < (ordered[lowestLimit].lower ?? .infinity) { lowestLimit = index }
            if let limit = point.upper, limit.isFinite,
               highestLimit < 0 || limit > (ordered[highestLimit].upper ?? -.infinity) { highestLimit = index }
        }
        flush()
        if let start = before {
            // Every point lies before the axis: the curve crosses it at its last value.
            out.append(StepPoint(time: lower, estimate: start.estimate, lower: start.lower, upper: start.upper))
        }
        return out
    }

    /// Times thinned to at most one per column of [lower, upper], in order; others are dropped.
    public static func thinTimes(_ times: [Double], lower: Double, upper: Double, columns: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return [] }
        let columns = max(1, min(columns, 1 << 20))
        let scale = Double(columns) / (upper - lower)
        var seen = [Bool](repeating: false, count: columns)
        var out: [Double] = []
        for time in times where time.isFinite && time >= lower && time <= upper {
            let column = min(columns - 1, Int((time - lower) * scale))
            if !seen[column] {
                seen[column] = true
                out.append(time)
            }
        }
        return out.sorted()
    }

    static func isOrdered(_ points: [StepPoint]) -> Bool {
        var previous = -Double.infinity
        for point in points where point.time.isFinite {
            if point.time < previous { return false }
            previous = point.time
        }
        return true
    }
}
