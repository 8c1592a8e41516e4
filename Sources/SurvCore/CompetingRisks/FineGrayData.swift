// The fit reads the rows many times (each Newton step, each step-halving, the variance), always in time
// order. They are gathered once into that order, covariates row by row, centred on their means: the
// pseudo-likelihood, its score and information do not change when a column is shifted, and centring keeps
// exp(x·β) and the sums of squares away from overflow and cancellation.

/// A Fine–Gray input sorted by time, with the censoring weights.
struct FineGrayData {
    let rows: Int
    let columns: Int
    let blocks: TiedTimeBlocks
    /// Centred covariates of the row at sorted position i, at `[i * columns + j]`.
    let x: [Double]
    /// Per sorted position: 0 censored, 1 failed from the event, 2 failed from a competing cause.
    let kind: [UInt8]
    /// Per sorted position: the censoring group, in 0..<weights.groups.
    let group: [Int]
    /// Failures from the event in each block.
    let events: [Int]
    /// Σ x over the failures from the event: the part of the likelihood and score that β does not weight.
    let eventSum: [Double]
    let weights: CensoringWeights

    init(_ input: FineGrayInput) {
        let n = input.data.rows, p = input.covariates.count
        let blocks = TiedTimeBlocks(time: input.data.time)
        var means = [Double](repeating: 0, count: p)
        for j in 0..<p { means[j] = input.covariates[j].reduce(0, +) / Double(n) }
        var x = [Double](repeating: 0, count: n * p)
        var kind = [UInt8](repeating: 0, count: n)
        var groupCodes: [Int: Int] = [:]
        for label in Set(input.censoringGroups ?? [0]).sorted() { groupCodes[label] = groupCodes.count }
        var rowGroup = [Int](repeating: 0, count: n)
        if let labels = input.censoringGroups {
            for row in 0..<n { rowGroup[row] = groupCodes[labels[row]] ?? 0 }
        }
        var group = [Int](repeating: 0, count: n)
        // Column by column: one column's values are read at a time, not p arrays interleaved.
        x.withUnsafeMutableBufferPointer { out in
            for j in 0..<p {
                input.covariates[j].withUnsafeBufferPointer { column in
                    for (position, row) in blocks.order.enumerated() { out[position * p + j] = column[row] - means[j] }
                }
            }
        }
        for (position, row) in blocks.order.enumerated() {
            let cause = input.data.cause[row]
            kind[position] = cause == 0 ? 0 : cause == 1 ? 1 : 2
            group[position] = rowGroup[row]
        }
        var events = [Int](repeating: 0, count: blocks.count)
        var eventSum = [Double](repeating: 0, count: p)
        for b in 0..<blocks.count {
            for position in blocks.start[b]..<blocks.start[b + 1] where kind[position] == 1 {
                events[b] += 1
                for j in 0..<p { eventSum[j] += x[position * p + j] }
            }
        }
        rows = n
        columns = p
        self.blocks = blocks
        self.x = x
        self.kind = kind
        self.group = group
        self.events = events
        self.eventSum = eventSum
        weights = CensoringWeights(blocks: blocks, censored: input.data.cause.map { $0 == 0 }, group: rowGroup,
                                   groups: groupCodes.count)
    }

    /// The sorted positions of block b.
    func positions(_ b: Int) -> Range<Int> { blocks.start[b]..<blocks.start[b + 1] }

    /// The first time at which a competing failure's own censoring weight G(tᵢ−) is 0 while a later failure from
    /// the event would need it (its weight there would be 0/0); nil when every weight is defined. It happens only
    /// when times apart by rounding noise are tied in G and a competing failure lies far enough above its run's
    /// first time to be read after a step of G down to 0. crr's weights are NaN then, and it stops with an error.
    var undefinedWeightTime: Double? {
        guard let lastEvent = events.lastIndex(where: { $0 > 0 }) else { return nil }
        for b in 0..<lastEvent {
            for i in positions(b) where kind[i] == 2 && weights.before(group: group[i], block: b) == 0 {
                return blocks.time[b]
            }
        }
        return nil
    }
}
