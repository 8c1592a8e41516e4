import Foundation

// The data as coxph.fit hands it to its C code: sorted by stratum then time (the shared preparation),
// covariates centred and scaled column by column (except columns coded within {-1, 0, 1}, which R leaves
// alone), stored row-major so the per-row work of the likelihood pass reads one contiguous block.

/// Right-censored Cox data in the fitter's working layout.
struct CoxSortedData {
    let rows: Int
    let columns: Int
    /// The order, ties and strata (shared with the other survival computations).
    let prepared: SurvivalPreparation
    /// Sorted position of each original row (the inverse of the preparation's order).
    let position: [Int32]
    /// Case weight at each sorted position.
    let weight: [Double]
    /// Row-major `rows`×`columns`, centred and scaled; emptied by `releaseMatrix()` once Newton–Raphson is done.
    private(set) var x: [Double]
    /// Weighted column means that were subtracted (0 for columns left as they are).
    let means: [Double]
    /// Multipliers applied after centring: coefficients on the working scale are `beta / scale`.
    let scale: [Double]

    init(_ input: CoxModelInput, prepared: SurvivalPreparation) {
        let n = input.time.count
        let p = input.covariates.count
        rows = n
        columns = p
        self.prepared = prepared
        // Scatter rather than gather: read inputs in order and write each row to its sorted slot; stores to
        // scattered addresses do not stall the way scattered loads do.
        var position = [Int32](repeating: 0, count: n)
        prepared.order.withUnsafeBufferPointer { order in
            position.withUnsafeMutableBufferPointer { position in
                for i in 0..<n { position[Int(order[i])] = Int32(truncatingIfNeeded: i) }
            }
        }
        self.position = position
        let w = prepared.sortedWeight ?? [Double](repeating: 1, count: n)
        weight = w

        var means = [Double](repeating: 0, count: p)
        var scale = [Double](repeating: 1, count: p)
        let inputWeights = input.weights
        let totalWeight = w.reduce(0, +)
        for j in 0..<p {
            let column = input.covariates[j]
            let leaveAlone = Self.isCodedWithinMinusOneToOne(column)
            var mean = 0.0, s = 1.0
            if !leaveAlone {
                // Sums in input order: the same totals as R's up to rounding, without a scattered read.
                let m = Self.sum(column, weights: inputWeights) { $0 } / totalWeight
                mean = m
                let absSum = Self.sum(column, weights: inputWeights) { abs($0 - m) }
                s = absSum > 0 ? totalWeight / absSum : 1
            }
            means[j] = mean
            scale[j] = s
        }
        x = Self.rowMajor(input.covariates, centres: means, scales: scale, position: position)
        self.means = means
        self.scale = scale
    }

    /// Frees the matrix (n·p numbers, the largest thing a fit holds) once nothing reads it: what follows the
    /// iterations (linear predictor, concordance) works from the input's columns and the order alone.
    mutating func releaseMatrix() {
        x = []
    }

    /// Σ w·f(x) over a column, in four interleaved partial sums: one running sum waits on each addition before
    /// the next, four keep the adder busy.
    @inline(__always)
    static func sum(_ column: [Double], weights: [Double]?, _ f: (Double) -> Double) -> Double {
        column.withUnsafeBufferPointer { x in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            let n = x.count, whole = n - n % 4
            if let weights {
                weights.withUnsafeBufferPointer { w in
                    for i in stride(from: 0, to: whole, by: 4) {
                        s0 += w[i] * f(x[i]); s1 += w[i + 1] * f(x[i + 1])
                        s2 += w[i + 2] * f(x[i + 2]); s3 += w[i + 3] * f(x[i + 3])
                    }
                    for i in whole..<n { s0 += w[i] * f(x[i]) }
                }
            } else {
                for i in stride(from: 0, to: whole, by: 4) {
                    s0 += f(x[i]); s1 += f(x[i + 1]); s2 += f(x[i + 2]); s3 += f(x[i + 3])
                }
                for i in whole..<n { s0 += f(x[i]) }
            }
            return (s0 + s1) + (s2 + s3)
        }
    }

    /// Whether every value is −1, 0 or 1. Without branches on the values, a chunk at a time: a 0/1 column in
    /// random order defeats a branch predictor on every row, and a continuous column stops at its first chunk.
    static func isCodedWithinMinusOneToOne(_ column: [Double]) -> Bool {
        column.withUnsafeBufferPointer { values in
            let chunk = 1_024
            var start = 0
            while start < values.count {
                let end = min(start + chunk, values.count)
                var outside = 0
                for i in start..<end {
                    let magnitude = Swift.abs(values[i])
                    outside += (magnitude == 0 ? 0 : 1) & (magnitude == 1 ? 0 : 1)
                }
                if outside > 0 { return false }
                start = end
            }
            return true
        }
    }

    /// The columns, each centred and scaled, as a row-major matrix whose row `position[r]` is input row r.
    static func rowMajor(_ columns: [[Double]], centres: [Double], scales: [Double], position: [Int32]) -> [Double] {
        let n = position.count, p = columns.count
        var x = [Double](repeating: 0, count: n * p)
        // A chunk of rows at a time: the columns are read in order into a row-major chunk small enough to stay
        // in cache, then each row goes to its sorted slot whole. Writing column by column straight to the
        // sorted slots touched a scattered cache line per value, p times per row.
        let chunk = 2_048
        var rowsOfChunk = [Double](repeating: 0, count: chunk * p)
        x.withUnsafeMutableBufferPointer { x in
        rowsOfChunk.withUnsafeMutableBufferPointer { rowsOfChunk in
        position.withUnsafeBufferPointer { position in
            var start = 0
            while start < n {
                let end = min(start + chunk, n)
                for j in 0..<p {
                    let centre = centres[j], scale = scales[j]
                    columns[j].withUnsafeBufferPointer { column in
                        for r in start..<end { rowsOfChunk[(r &- start) &* p &+ j] = (column[r] - centre) * scale }
                    }
                }
                for r in start..<end {
                    let target = Int(position[r]) &* p, source = (r &- start) &* p
                    for j in 0..<p { x[target &+ j] = rowsOfChunk[source &+ j] }
                }
                start = end
            }
        }}}
        return x
    }

    /// `values` rearranged so that element r lands at `position[r]`.
    static func scatter<T>(_ values: [T], to position: [Int32]) -> [T] {
        guard let first = values.first else { return [] }
        var result = [T](repeating: first, count: values.count)
        result.withUnsafeMutableBufferPointer { out in
            for r in 0..<values.count { out[Int(position[r])] = values[r] }
        }
        return result
    }
}
