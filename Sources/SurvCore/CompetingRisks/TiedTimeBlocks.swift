// cmprsk's routines walk the rows in time order and treat all rows at one time together (a tied failure
// and censoring are both at risk at that time). They compare times exactly, without survival's timefix:
// doing the same keeps every tie where cmprsk sees one. (The one exception, crr's censoring distribution,
// which survfit estimates, is CensoringWeights'.)

/// Rows in time order, cut into blocks of equal times.
struct TiedTimeBlocks {
    /// Row indices sorted by time; ties keep the order the rows were given in, so every run is reproducible.
    let order: [Int]
    /// Block b covers `order[start[b]..<start[b + 1]]`; `start` ends with `order.count`.
    let start: [Int]
    /// Each block's time, increasing.
    let time: [Double]

    /// Blocks of the given rows (all rows when `rows` is nil).
    init(time values: [Double], rows: [Int]? = nil) {
        // A stable radix sort: linear in n, and ties stay in the order the rows were given.
        let sorted: [Int]
        if let rows {
            sorted = TimeOrder.ascending(keys: rows.map { TimeOrder.key(values[$0]) }).map { rows[Int($0)] }
        } else {
            sorted = TimeOrder.ascending(values).map { Int($0) }
        }
        var start: [Int] = []
        var time: [Double] = []
        for (k, row) in sorted.enumerated() where k == 0 || values[row] != values[sorted[k - 1]] {
            start.append(k)
            time.append(values[row])
        }
        start.append(sorted.count)
        self.order = sorted
        self.start = start
        self.time = time
    }

    var count: Int { time.count }

    /// The rows of block b.
    func rows(_ b: Int) -> ArraySlice<Int> { order[start[b]..<start[b + 1]] }
}
