// Every survival computation starts the same way: tie times that differ by rounding noise (R's timefix), order
// the rows by stratum then time, and count the events and censorings at each distinct time. R's survival
// routines share that set-up; here it is built once per (rows, endpoint, strata) and read by Kaplan–Meier,
// follow-up, the log-rank tests, Cox and cox.zph, so a session that runs several of them on a million rows
// sorts them once. The order is one stable radix sort by time over all rows (so timefix sees the whole
// response, as aeqSurv does) followed by a stable counting pass by stratum.

/// Right-censored data prepared for the survival computations.
public struct SurvivalPreparation: Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of strata (1 without strata).
    public let strata: Int

    /// The input row at each sorted position: by stratum, then time, ties in row order.
    let order: [Int32]
    let sortedEvent: [Bool]
    /// Case weight at each sorted position; `nil` when every weight is 1.
    let sortedWeight: [Double]?
    /// Stratum s holds the positions `stratumStart[s]..<stratumStart[s + 1]` and the distinct times
    /// `stratumBlockStart[s]..<stratumBlockStart[s + 1]`.
    let stratumStart: [Int]
    let stratumBlockStart: [Int]
    /// One block per distinct time within a stratum: its positions `blockStart[b]..<blockStart[b + 1]`, its
    /// time (after timefix), and the (weighted) events and censorings at it.
    let blockStart: [Int32]
    let blockTime: [Double]
    let blockEvents: [Double]
    let blockCensored: [Double]
    /// Σw² of the events and of the censorings per block; filled only for fractional weights, whose robust
    /// Kaplan–Meier variance needs them.
    let blockEventWeightSquares: [Double]
    let blockCensorWeightSquares: [Double]
    let hasFractionalWeights: Bool
    /// The first row with a negative time: Cox accepts such times, the Kaplan–Meier and log-rank computations
    /// refuse them.
    let firstNegativeTime: (row: Int, time: Double)?

    /// - Parameters:
    ///   - time: follow-up times, finite (negative ones are refused later by the computations that need ≥ 0).
    ///   - event: `true` for an event.
    ///   - strata: the stratum of each row; `nil` for one stratum.
    ///   - weights: case weights, finite and ≥ 0; `nil` for 1 each.
    /// - Throws: `CoreError` for no rows, mismatched lengths, times that are not finite, or bad weights.
    public init(time: [Double], event: [Bool], strata: StratumCodes? = nil, weights: [Double]? = nil) throws(CoreError) {
        let n = time.count
        guard n > 0 else {
            throw CoreError("no rows to analyse", hint: "the data (after removing missing values) is empty")
        }
        guard event.count == n else {
            throw CoreError("time has \(n) values but the event indicator has \(event.count)")
        }
        guard n < Int(Int32.max) else {
            throw CoreError("too many rows (\(n)); at most \(Int32.max - 1) are supported")
        }
        if let bad = time.firstIndex(where: { !$0.isFinite }) {
            throw CoreError("time in row \(bad + 1) is \(time[bad])", hint: "survival times must be finite; drop or fix that row")
        }
        if let strata, strata.codes.count != n {
            throw CoreError("strata has \(strata.codes.count) values but there are \(n) rows")
        }
        if let weights {
            guard weights.count == n else { throw CoreError("weights has \(weights.count) values but there are \(n) rows") }
            if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw CoreError("weight in row \(bad + 1) is \(weights[bad])", hint: "case weights must be finite and not negative")
            }
        }
        rows = n
        firstNegativeTime = time.firstIndex { $0 < 0 }.map { ($0, time[$0]) }

        var (order, sortedKeys) = TimeOrder.ascendingWithKeys(time)
        // The sorted times decoded from the sorted keys: a read in sequence, not one scattered load per row.
        var sortedTime = [Double](repeating: 0, count: n)
        sortedTime.withUnsafeMutableBufferPointer { s in
            sortedKeys.withUnsafeBufferPointer { k in
                for i in 0..<n { s[i] = TimeOrder.value(k[i]) }
            }
        }
        sortedKeys = []
        Self.applyTimeFix(&sortedTime, order: &order)

        // Stratum by stratum, keeping the time order within each: a stable counting pass.
        let stratumCount = strata?.count ?? 1
        self.strata = stratumCount
        var starts = [Int](repeating: 0, count: stratumCount + 1)
        if let strata, stratumCount > 1 {
            for code in strata.codes { starts[Int(code) + 1] += 1 }
            for s in 0..<stratumCount { starts[s + 1] += starts[s] }
            var next = starts
            var byStratum = [Int32](repeating: 0, count: n)
            var timeByStratum = [Double](repeating: 0, count: n)
            strata.codes.withUnsafeBufferPointer { codes in
                TimeOrder.distribute(sortedTime, order, into: &timeByStratum, &byStratum, offsets: &next) { _, row in
                    Int(codes[Int(row)])
                }
            }
            order = byStratum
            sortedTime = timeByStratum
        } else {
            starts[stratumCount] = n
        }
        stratumStart = starts
        self.order = order

        let fractional = weights?.contains { $0 != $0.rounded(.down) } ?? false
        hasFractionalWeights = fractional
        var events = [Bool](repeating: false, count: n)
        var sortedWeight: [Double]?
        var blockStarts: [Int32] = [], times: [Double] = [], dead: [Double] = [], censored: [Double] = []
        var deadSquares: [Double] = [], censoredSquares: [Double] = []
        var stratumBlocks = [Int](repeating: 0, count: stratumCount + 1)
        // The events (and weights) in sorted order first, each a scattered read, so that the walk over the
        // distinct times below reads only in sequence.
        event.withUnsafeBufferPointer { event in
            order.withUnsafeBufferPointer { order in
                events.withUnsafeMutableBufferPointer { events in
                    for i in 0..<n { events[i] = event[Int(order[i])] }
                }
            }
        }
        if let weights { sortedWeight = order.map { weights[Int($0)] } }
        for s in 0..<stratumCount {
            stratumBlocks[s] = times.count
            var i = starts[s]
            let end = starts[s + 1]
            while i < end {
                let current = sortedTime[i]
                blockStarts.append(Int32(truncatingIfNeeded: i))
                var d = 0.0, c = 0.0, d2 = 0.0, c2 = 0.0
                if let sortedWeight {
                    while i < end, sortedTime[i] == current {
                        let w = sortedWeight[i]
                        if events[i] { d += w; d2 += w * w } else { c += w; c2 += w * w }
                        i += 1
                    }
                } else {
                    var dead = 0, all = 0
                    while i < end, sortedTime[i] == current {
                        if events[i] { dead += 1 }
                        all += 1
                        i += 1
                    }
                    d = Double(dead)
                    c = Double(all - dead)
                    d2 = d
                    c2 = c
                }
                times.append(current)
                dead.append(d)
                censored.append(c)
                if fractional {
                    deadSquares.append(d2)
                    censoredSquares.append(c2)
                }
            }
        }
        stratumBlocks[stratumCount] = times.count
        blockStarts.append(Int32(truncatingIfNeeded: n))
        sortedEvent = events
        self.sortedWeight = sortedWeight
        stratumBlockStart = stratumBlocks
        blockStart = blockStarts
        blockTime = times
        blockEvents = dead
        blockCensored = censored
        blockEventWeightSquares = deadSquares
        blockCensorWeightSquares = censoredSquares
    }

    /// R's `aeqSurv` on times sorted ascending: each time joins the group of the smallest time it is chained to
    /// by gaps of at most √ε. R orders by the fixed times, so rows of a merged group go back to row order.
    private static func applyTimeFix(_ sortedTime: inout [Double], order: inout [Int32]) {
        var distinct: [Double] = []
        for t in sortedTime where distinct.last != t { distinct.append(t) }
        guard let starts = TimeFix.groupStarts(distinctSorted: distinct) else { return }
        var j = -1
        var previous = Double.nan
        var groupBegin = 0
        var merged = false
        for i in sortedTime.indices {
            let t = sortedTime[i]
            if t != previous {
                j += 1
                previous = t
                if starts[j] == j {
                    if merged { order[groupBegin..<i].sort() }
                    groupBegin = i
                    merged = false
                } else {
                    merged = true
                }
            }
            sortedTime[i] = distinct[starts[j]]
        }
        if merged { order[groupBegin..<sortedTime.count].sort() }
    }

    /// Sorted positions of stratum `s`.
    func positions(ofStratum s: Int) -> Range<Int> { stratumStart[s]..<stratumStart[s + 1] }

    /// Blocks (distinct times) of stratum `s`, in increasing time.
    func blocks(ofStratum s: Int) -> Range<Int> { stratumBlockStart[s]..<stratumBlockStart[s + 1] }

    /// Sorted positions of block `b`.
    func positions(ofBlock b: Int) -> Range<Int> { Int(blockStart[b])..<Int(blockStart[b + 1]) }

    /// The blocks of strata `first..<end` ordered by time, ties in stratum order: how the strata's distinct
    /// times interleave when they are pooled.
    func blocksInTimeOrder(strata range: Range<Int>) -> [Int32] {
        let blocks = stratumBlockStart[range.lowerBound]..<stratumBlockStart[range.upperBound]
        let base = Int32(truncatingIfNeeded: blocks.lowerBound)
        guard range.count > 1 else { return blocks.map { Int32(truncatingIfNeeded: $0) } }
        return TimeOrder.ascending(Array(blockTime[blocks])).map { $0 + base }
    }

    /// Number of rows in stratum `s` (0 for a stratum that does not exist).
    public func rows(inStratum s: Int) -> Int {
        guard (0..<strata).contains(s) else { return 0 }
        return stratumStart[s + 1] - stratumStart[s]
    }

    /// The first and last time (after timefix) in stratum `s`, `nil` for an empty or unknown stratum.
    public func timeRange(ofStratum s: Int) -> ClosedRange<Double>? {
        guard (0..<strata).contains(s) else { return nil }
        let blocks = blocks(ofStratum: s)
        guard let first = blocks.first, let last = blocks.last else { return nil }
        return blockTime[first]...blockTime[last]
    }

    /// The error Kaplan–Meier and log-rank raise for a negative time (Cox accepts them).
    func requireNonNegativeTimes() throws(CoreError) {
        if let (row, t) = firstNegativeTime {
            throw CoreError("time in row \(row + 1) is \(t)",
                            hint: "survival times must be finite and not negative; drop or fix that row")
        }
    }
}
