// R survival treats times that differ only by floating-point noise as tied (`aeqSurv`, applied by
// survfit and survdiff unless timefix = FALSE): among the sorted distinct times, one whose gap from the
// previous distinct time is ≤ √ε, absolutely or relative to the mean of the distinct times, joins the
// previous time's group, and every time in a group becomes the group's first (smallest) time. Without
// this, 0.1 + 0.2 and 0.3 read from a file would be two event times instead of one. coxph and cox.zph
// apply it too (`coxph.control(timefix = TRUE)`). All of them apply it to the whole response before strata
// are formed, so `SurvivalPreparation` applies it once, to all its rows.

public enum TimeFix {
    public static let tolerance = Double.ulpOfOne.squareRoot()

    /// For sorted distinct times, the index of the time each one is replaced by; `nil` when no two are tied
    /// (the common case, so callers can skip the merge).
    public static func groupStarts(distinctSorted y: [Double]) -> [Int]? {
        guard y.count > 1 else { return nil }
        // Divided term by term: a plain sum of times near the largest double overflows to infinity.
        let n = Double(y.count)
        let meanAbs = y.reduce(0) { $0 + abs($1) / n }
        var starts: [Int] = []
        for j in 1..<y.count {
            let gap = y[j] - y[j - 1]
            guard gap <= tolerance || gap / meanAbs <= tolerance else { continue }
            if starts.isEmpty { starts = Array(0..<y.count) }
            starts[j] = starts[j - 1]
        }
        return starts.isEmpty ? nil : starts
    }
}
