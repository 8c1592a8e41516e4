import Foundation

/// Exact p-value of Fisher's test for an r×c table by a network enumeration in the spirit of Mehta and
/// Patel's FEXACT (the algorithm behind R's `fisher.test`).
///
/// Tables with the observed margins are built one column at a time; a node of the network is "which
/// column comes next, and what is left of each row total" (rows sorted, since their order does not
/// matter for what can follow). For a node we know exactly the largest and the smallest weight any
/// completion can reach (by dynamic programming, once per node) and, in closed form, the total
/// probability of all its completions. So a path reaching a node either takes all its completions at
/// once (every one at most as probable as the observed table), drops them all (every one more
/// probable), or goes on to the next column. Paths that reach the same node with the same past weight
/// are merged and carried with a multiplicity. The work is bounded: past `defaultMaxSteps` the test is
/// refused with a pointer to the chi-square test.
struct FisherNetwork {
    private let table: ContingencyTable
    /// Work allowed (node visits, splits built, paths extended) before giving up. Counted, not timed, so a
    /// notebook replays the same answer on any machine. 20 million steps answer the 4×5 and 5×5 tables of a
    /// few hundred patients that R's FEXACT answers at its default workspace (the hardest seen needed 13.6
    /// million, 1.2 s), and refuse a hopeless table (lung's inst × ph.ecog) in about 1.3 s and 350 MB.
    #if FUZZING
    // Under AddressSanitizer a step costs ten times as much; the fuzzer's 10 s hang limit would take a
    // refusal at the full budget for a hang. The budget's logic is the same at any size.
    static let defaultMaxSteps = 1_000_000
    #else
    static let defaultMaxSteps = 20_000_000
    #endif
    /// Largest total for which the log-factorial table is built.
    static let maxTotal = 1_000_000

    private let maxSteps: Int

    init(_ table: ContingencyTable, maxSteps: Int = FisherNetwork.defaultMaxSteps) {
        self.table = table
        self.maxSteps = maxSteps
    }

    func pValue() throws -> Double {
        guard table.total <= Self.maxTotal else { throw Self.tooLargeError }
        // Enumerate along the longer side, so each step splits a total over the fewer categories.
        var counts = table.counts
        if table.rowCount > table.columnCount { counts = transpose(counts) }
        let rowTotals = counts.map { $0.reduce(0, +) }
        var columns = (0..<counts[0].count).map { j in counts.reduce(0) { $0 + $1[j] } }
        let logFact = LogFactorials(upTo: table.total)

        // log probability of a table = constant + weight, weight = -Σ log n_ij!.
        let constant = rowTotals.reduce(0) { $0 + logFact[$1] } + columns.reduce(0) { $0 + logFact[$1] }
            - logFact[table.total]
        let observedWeight = -counts.joined().reduce(0) { $0 + logFact[$1] }
        let threshold = observedWeight + log1p(FisherExact.relativeTolerance)

        // The last column is forced by the others, so the largest goes last and is never split; the
        // rest largest first, which leaves small remainders and so few distinct nodes.
        columns.sort(by: >)
        if let largest = columns.first {
            columns.removeFirst()
            columns.append(largest)
        }
        var search = Search(columns: columns, logFact: logFact, threshold: threshold, constant: constant,
                            maxSteps: maxSteps)
        try search.run(rows: rowTotals)
        return min(search.probability, 1)
    }

    private func transpose(_ m: [[Int]]) -> [[Int]] {
        (0..<m[0].count).map { j in m.map { $0[j] } }
    }
}

private struct Search {
    let columns: [Int]
    let logFact: LogFactorials
    let threshold: Double
    let constant: Double
    /// Σ log C_j! over columns j..., for the closed-form total of a node's completions.
    let logColumnFactorialsFrom: [Double]
    var probability = 0.0
    var steps = 0
    let maxSteps: Int
    /// Exact smallest and largest completion weight of a node, keyed by column index and sorted remainders.
    var bounds: [NodeKey: (min: Double, max: Double)] = [:]

    struct NodeKey: Hashable {
        let column: Int
        let remaining: [Int]
    }

    init(columns: [Int], logFact: LogFactorials, threshold: Double, constant: Double, maxSteps: Int) {
        self.maxSteps = maxSteps
        self.columns = columns
        self.logFact = logFact
        self.threshold = threshold
        self.constant = constant
        var suffix = [Double](repeating: 0, count: columns.count + 1)
        for j in stride(from: columns.count - 1, through: 0, by: -1) { suffix[j] = suffix[j + 1] + logFact[columns[j]] }
        logColumnFactorialsFrom = suffix
    }

    mutating func countStep() throws {
        steps += 1
        if steps > maxSteps { throw FisherNetwork.tooLargeError }
        if steps & 0xFFF == 0 { try Interruption.checkpoint() }
    }

    /// All ways to split `total` over the rows, cell i at most `caps[i]`.
    static func forEachSplit(of total: Int, caps: [Int], _ body: (inout [Int]) throws -> Void) rethrows {
        var cells = [Int](repeating: 0, count: caps.count)
        // Room left in rows i... , to prune splits that cannot place the whole total.
        var roomFrom = [Int](repeating: 0, count: caps.count + 1)
        for i in stride(from: caps.count - 1, through: 0, by: -1) { roomFrom[i] = roomFrom[i + 1] + caps[i] }
        func place(_ i: Int, _ left: Int) throws {
            if i == caps.count - 1 {
                cells[i] = left
                try body(&cells)
                return
            }
            let lowest = max(0, left - roomFrom[i + 1])
            let highest = min(caps[i], left)
            guard lowest <= highest else { return }
            for v in lowest...highest {
                cells[i] = v
                try place(i + 1, left - v)
            }
        }
        guard total <= roomFrom[0] else { return }
        try place(0, total)
    }

    /// The children of a node: what is left of the rows after each split of the column, and the split's
    /// weight. Counts each split against the budget while building the list.
    mutating func splits(column: Int, remaining: [Int]) throws -> [([Int], Double)] {
        let budget = maxSteps - steps
        // Count first, so that a node with more splits than the budget is refused before any is built.
        guard Self.splitCount(of: columns[column], caps: remaining, atMost: budget) <= budget else {
            throw FisherNetwork.tooLargeError
        }
        var children: [([Int], Double)] = []
        var built = 0
        let logFact = self.logFact
        try Self.forEachSplit(of: columns[column], caps: remaining) { cells in
            built += 1
            if built > budget { throw FisherNetwork.tooLargeError }
            var rest = remaining
            var w = 0.0
            for i in cells.indices { rest[i] -= cells[i]; w -= logFact[cells[i]] }
            children.append((rest.sorted(by: >), w))
        }
        steps += built
        return children
    }

    /// How many ways `total` can be split over cells with the given caps, capped at `limit + 1`.
    /// Dynamic programming over the cells with a sliding-window sum: O(cells × total). Counted in
    /// Double, which cannot overflow here and is exact well past any budget.
    static func splitCount(of total: Int, caps: [Int], atMost limit: Int) -> Int {
        // ways[t] = number of ways to place t over the cells seen so far.
        var ways = [Double](repeating: 0, count: total + 1)
        ways[0] = 1
        for cap in caps {
            var next = [Double](repeating: 0, count: total + 1)
            var window = 0.0
            for t in 0...total {
                window += ways[t]
                if t - cap - 1 >= 0 { window -= ways[t - cap - 1] }
                next[t] = window
            }
            ways = next
        }
        return ways[total] > Double(limit) ? limit + 1 : Int(ways[total])
    }

    /// Smallest and largest Σ -log n_ij! over the completions of a node (remaining sorted descending).
    mutating func completionBounds(column: Int, remaining: [Int]) throws -> (min: Double, max: Double) {
        if column == columns.count - 1 {
            let w = -remaining.reduce(0) { $0 + logFact[$1] }
            return (w, w)
        }
        let key = NodeKey(column: column, remaining: remaining)
        if let known = bounds[key] { return known }
        var best = (min: Double.infinity, max: -Double.infinity)
        let children = try splits(column: column, remaining: remaining)
        for (rest, w) in children {
            let child = try completionBounds(column: column + 1, remaining: rest)
            best.min = Swift.min(best.min, w + child.min)
            best.max = Swift.max(best.max, w + child.max)
        }
        bounds[key] = best
        return best
    }

    /// Walks the network one column at a time. Paths that reach the same node with the same past
    /// weight have identical futures, so they are merged and carried as one weight with a multiplicity
    /// (the idea that makes FEXACT fast: far fewer distinct past weights than paths).
    mutating func run(rows: [Int]) throws {
        var stage: [[Int]: [PastWeight]] = [rows.sorted(by: >): [PastWeight(weight: 0, paths: 1)]]
        for column in columns.indices {
            var next: [[Int]: [PastWeight]] = [:]
            for (remaining, arrivals) in stage {
                let pasts = Self.merged(arrivals)
                let range = try completionBounds(column: column, remaining: remaining)
                let m = remaining.reduce(0, +)
                // Completions' weights sum to M! / (Π rem_i! Π C_j!) over the remaining rows and columns.
                let logTotal = logFact[m] - remaining.reduce(0) { $0 + logFact[$1] } - logColumnFactorialsFrom[column]
                // Paths whose completions straddle the threshold go on to the next column.
                var open: [PastWeight] = []
                for past in pasts {
                    try countStep()
                    if past.weight + range.max <= threshold {
                        // Every completion is at most as probable as the observed table: add them all.
                        probability += past.paths * exp(constant + past.weight + logTotal)
                    } else if past.weight + range.min <= threshold {
                        open.append(past)
                    }
                    // Otherwise every completion is more probable than the observed table: nothing to add.
                }
                if open.isEmpty { continue }
                if column == columns.count - 2 {
                    // One split from complete tables: sum the qualifying ones from a sorted list.
                    let completions = try finalCompletions(remaining: remaining)
                    for past in open {
                        try countStep()
                        probability += past.paths * exp(constant + past.weight + completions.shift)
                            * completions.sumOfScaled(upTo: threshold - past.weight)
                    }
                    continue
                }
                for (rest, w) in try splits(column: column, remaining: remaining) {
                    var bucket = next.removeValue(forKey: rest) ?? []
                    for past in open {
                        try countStep()
                        bucket.append(PastWeight(weight: past.weight + w, paths: past.paths))
                    }
                    next[rest] = bucket
                }
            }
            stage = next
        }
    }

    /// The weights of the complete tables one split away (the split of the next-to-last column plus
    /// the forced last column), sorted, with running sums of exp(weight - shift).
    mutating func finalCompletions(remaining: [Int]) throws -> CompletionWeights {
        let children = try splits(column: columns.count - 2, remaining: remaining)
        let logFact = self.logFact
        let weights = children.map { rest, w in w - rest.reduce(0) { $0 + logFact[$1] } }.sorted()
        let shift = weights.last ?? 0
        var running = [Double](repeating: 0, count: weights.count + 1)
        for (i, w) in weights.enumerated() { running[i + 1] = running[i] + exp(w - shift) }
        return CompletionWeights(sortedWeights: weights, shift: shift, runningSums: running)
    }

    struct CompletionWeights {
        let sortedWeights: [Double]
        let shift: Double
        /// runningSums[k] = Σ exp(sortedWeights[i] - shift) for i < k.
        let runningSums: [Double]

        /// Σ exp(w - shift) over the weights w ≤ limit (binary search).
        func sumOfScaled(upTo limit: Double) -> Double {
            var low = 0, high = sortedWeights.count
            while low < high {
                let mid = (low + high) / 2
                if sortedWeights[mid] <= limit { low = mid + 1 } else { high = mid }
            }
            return runningSums[low]
        }
    }

    /// Paths that arrived at a node with weights closer than 1e-9 are merged (their futures are the same;
    /// the test's own tie tolerance is 1e-7 on the same log scale): sort, then fold neighbours.
    static func merged(_ arrivals: [PastWeight]) -> [PastWeight] {
        guard arrivals.count > 1 else { return arrivals }
        let sorted = arrivals.sorted { $0.weight < $1.weight }
        var result: [PastWeight] = []
        result.reserveCapacity(sorted.count)
        for past in sorted {
            if let last = result.last, past.weight - last.weight < 1e-9 {
                result[result.count - 1].paths += past.paths
            } else {
                result.append(past)
            }
        }
        return result
    }

    struct PastWeight {
        var weight: Double
        var paths: Double
    }
}

extension FisherNetwork {
    static let tooLargeError = CoreError(
        "the table is too large for an exact Fisher test: enumerating the tables with its margins would take too long",
        hint: "merge sparse levels into fewer categories, or use a chi-square test")
}
