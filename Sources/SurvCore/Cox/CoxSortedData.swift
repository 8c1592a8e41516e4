import Foundation

// The data as coxph.fit hands it to its C code: sorted once by stratum then time, covariates centred and
// scaled column by column (except columns coded within {-1, 0, 1}, which R leaves alone), stored row-major
// so the per-row work of the likelihood pass reads one contiguous block.

/// Right-censored Cox data in the fitter's working layout.
struct CoxSortedData {
    let rows: Int
    let columns: Int
    /// Original row index of each sorted row.
    let order: [Int]
    /// Sorted position of each original row (the inverse of `order`).
    let position: [Int]
    let time: [Double]
    let isEvent: [Bool]
    let weight: [Double]
    /// Dense stratum code (0-based, in label order) of each sorted row.
    let stratum: [Int]
    /// `true` for the last sorted row of each stratum (where a backward pass starts a new risk set).
    let lastInStratum: [Bool]
    /// Row-major `rows`×`columns`, centred and scaled.
    let x: [Double]
    /// Weighted column means that were subtracted (0 for columns left as they are).
    let means: [Double]
    /// Multipliers applied after centring: coefficients on the working scale are `beta / scale`.
    let scale: [Double]

    init(_ input: CoxModelInput) {
        let n = input.time.count
        let p = input.covariates.count
        rows = n
        columns = p
        // Stable order by (stratum, time), as R's order(strata, time).
        var codes = [Int](repeating: 0, count: n)
        var groups = 1
        if let strata = input.strata {
            let labels = Array(Set(strata)).sorted()
            let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
            codes = strata.map { code[$0] ?? 0 }
            groups = labels.count
        }
        let idx = StableRadixOrder.order(primary: codes, groups: groups,
                                         then: input.time.map(StableRadixOrder.key))
        let time = input.time
        order = idx
        // Scatter rather than gather: read inputs in order and write each row to its sorted slot; stores to
        // scattered addresses do not stall the way scattered loads do.
        var position = [Int](repeating: 0, count: n)
        for i in 0..<n { position[idx[i]] = i }
        self.position = position
        self.time = Self.scatter(time, to: position)
        isEvent = Self.scatter(input.event, to: position)
        let w = input.weights.map { Self.scatter($0, to: position) } ?? [Double](repeating: 1, count: n)
        weight = w
        var last = [Bool](repeating: false, count: n)
        let sortedCodes = groups > 1 ? Self.scatter(codes, to: position) : codes
        stratum = sortedCodes
        for i in 0..<(n - 1) where sortedCodes[i] != sortedCodes[i + 1] { last[i] = true }
        last[n - 1] = true
        lastInStratum = last

        var means = [Double](repeating: 0, count: p)
        var scale = [Double](repeating: 1, count: p)
        var x = [Double](repeating: 0, count: n * p)
        let inputWeights = input.weights
        let totalWeight = w.reduce(0, +)
        for j in 0..<p {
            let column = input.covariates[j]
            let leaveAlone = column.allSatisfy { $0 == 0 || $0 == 1 || $0 == -1 }
            var mean = 0.0, s = 1.0
            if !leaveAlone {
                // Sums in input order: the same totals as R's up to rounding, without a scattered read.
                var sum = 0.0
                if let inputWeights {
                    for i in 0..<n { sum += inputWeights[i] * column[i] }
                } else {
                    for i in 0..<n { sum += column[i] }
                }
                mean = sum / totalWeight
                var absSum = 0.0
                if let inputWeights {
                    for i in 0..<n { absSum += inputWeights[i] * abs(column[i] - mean) }
                } else {
                    for i in 0..<n { absSum += abs(column[i] - mean) }
                }
                s = absSum > 0 ? totalWeight / absSum : 1
            }
            means[j] = mean
            scale[j] = s
        }
        x.withUnsafeMutableBufferPointer { x in
            for j in 0..<p {
                let mean = means[j], s = scale[j]
                input.covariates[j].withUnsafeBufferPointer { column in
                    position.withUnsafeBufferPointer { position in
                        for r in 0..<n { x[position[r] &* p &+ j] = (column[r] - mean) * s }
                    }
                }
            }
        }
        self.means = means
        self.scale = scale
        self.x = x
    }

    /// `values` rearranged so that element r lands at `position[r]`.
    static func scatter<T>(_ values: [T], to position: [Int]) -> [T] {
        guard let first = values.first else { return [] }
        var result = [T](repeating: first, count: values.count)
        result.withUnsafeMutableBufferPointer { out in
            for r in 0..<values.count { out[position[r]] = values[r] }
        }
        return result
    }
}
