/// A numeric column split into groups, summarised per group and overall, with the Kruskal–Wallis test
/// across the groups — the numbers of a `table1` row — from one sort per group: the overall order is a
/// merge of the groups' orders, and the ranks are read off it. A million rows take one pass of sorting,
/// not one per summary and another for the test.
public enum GroupedNumbers {
    public struct Result: Equatable, Sendable {
        public var groups: [NumericSummary]
        public var all: NumericSummary
        /// Across the groups with values; nil with fewer than two such groups or when every value is equal.
        public var kruskalWallis: ChiSquareStatistic?
    }

    /// - Parameters:
    ///   - samples: the non-missing values of each group (NaN counts as missing).
    ///   - missing: the missing values of each group.
    public static func summarize(_ samples: [[Double]], missing: [Int]) -> Result {
        let sorted = samples.map { ascending($0.filter { !$0.isNaN }) }
        let groups = sorted.indices.map { g in
            Descriptive.summarize(sorted: sorted[g], missing: (g < missing.count ? missing[g] : 0) + samples[g].count - sorted[g].count)
        }
        let (merged, tags) = merge(sorted)
        let all = Descriptive.summarize(sorted: merged, missing: groups.reduce(0) { $0 + $1.missing })
        return Result(groups: groups, all: all, kruskalWallis: kruskalWallis(merged, tags: tags, groupCount: sorted.count))
    }

    /// `values` (no NaN) in ascending order. A large column goes through the survival code's radix sort
    /// (linear, where a comparison sort of a million doubles costs most of a table1 row); −0 reads as 0.
    static func ascending(_ values: [Double]) -> [Double] {
        guard values.count >= 512, values.count < Int(Int32.max) else { return values.sorted() }
        return TimeOrder.ascendingWithKeys(values).keys.map(TimeOrder.value)
    }

    /// The groups' sorted values merged into one ascending sequence, each value tagged with its group.
    static func merge(_ sorted: [[Double]]) -> (values: [Double], tags: [Int32]) {
        let total = sorted.reduce(0) { $0 + $1.count }
        var values = [Double](), tags = [Int32]()
        values.reserveCapacity(total)
        tags.reserveCapacity(total)
        var heads = [Int](repeating: 0, count: sorted.count)
        for _ in 0..<total {
            var best = -1
            for g in sorted.indices where heads[g] < sorted[g].count {
                if best < 0 || sorted[g][heads[g]] < sorted[best][heads[best]] { best = g }
            }
            guard best >= 0 else { break }
            values.append(sorted[best][heads[best]])
            tags.append(Int32(best))
            heads[best] += 1
        }
        return (values, tags)
    }

    /// R's `kruskal.test`: mid-ranks of the merged values, H with the tie correction, on (groups − 1) df.
    static func kruskalWallis(_ values: [Double], tags: [Int32], groupCount: Int) -> ChiSquareStatistic? {
        var rankSums = [Double](repeating: 0, count: groupCount), counts = [Double](repeating: 0, count: groupCount)
        var tieCorrection = 0.0
        var i = 0
        while i < values.count {
            var j = i
            while j + 1 < values.count && values[j + 1] == values[i] { j += 1 }
            let rank = Double(i + j + 2) / 2
            let t = Double(j - i + 1)
            if t > 1 { tieCorrection += t * t * t - t }
            for k in i...j {
                let g = Int(tags[k])
                rankSums[g] += rank
                counts[g] += 1
            }
            i = j + 1
        }
        let used = (0..<groupCount).filter { counts[$0] > 0 }
        let n = Double(values.count)
        guard used.count >= 2, n >= 2 else { return nil }
        let tieFactor = 1 - tieCorrection / (n * n * n - n)
        guard tieFactor > 0 else { return nil }
        let between = used.reduce(0.0) { $0 + rankSums[$1] * rankSums[$1] / counts[$1] }
        let h = (12 * between / (n * (n + 1)) - 3 * (n + 1)) / tieFactor
        return ChiSquareStatistic(chisq: h, df: Double(used.count - 1))
    }
}
