// The concordance visits a million rows in time order, so the predictor ranks it adds and queries are random:
// what costs is the cache lines a visit touches, not the arithmetic. Ranks are grouped eight to a block, one
// 64-byte cache line holding each rank's weight, and a Fenwick tree over the block totals (8 bytes a block, an
// eighth of the ranks, so it stays in the processor's cache) finds the weight of all earlier blocks. A visit
// then reads or writes one scattered line and walks a tree that is cached; a Fenwick tree inside larger blocks
// touched several scattered lines per visit and took three times as long.

/// A weighted rank histogram with O(log m) prefix sums: the weight below, at and above a given rank.
struct RankWeightTree {
    private static let blockBits = 3
    private static let blockSize = 1 << blockBits
    /// Fenwick sums over block totals, 1-based.
    private let top: UnsafeMutableBufferPointer<Double>
    /// The weight at each rank.
    private let leaves: UnsafeMutableBufferPointer<Double>
    private(set) var total = 0.0

    init(ranks: Int) {
        let blocks = (ranks >> Self.blockBits) + 1
        top = .allocate(capacity: blocks + 1)
        top.initialize(repeating: 0)
        leaves = .allocate(capacity: blocks * Self.blockSize)
        leaves.initialize(repeating: 0)
    }

    func deallocate() {
        top.deallocate()
        leaves.deallocate()
    }

    @inline(__always)
    mutating func add(rank: Int, weight: Double) {
        total += weight
        leaves[rank] += weight
        var i = (rank >> Self.blockBits) + 1
        let m = top.count
        while i < m {
            top[i] += weight
            i += i & -i
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal.
    @inline(__always)
    func split(rank: Int) -> (greater: Double, less: Double, equal: Double) {
        let block = rank >> Self.blockBits
        var below = 0.0
        for r in (block << Self.blockBits)..<rank { below += leaves[r] }
        let equal = leaves[rank]
        var i = block
        while i > 0 {
            below += top[i]
            i -= i & -i
        }
        return (total - below - equal, below, equal)
    }

    /// Storage size: above a few percent of it, zeroing everything is cheaper than undoing ranks one by one.
    var capacity: Int { top.count + leaves.count }

    mutating func reset() {
        top.update(repeating: 0)
        leaves.update(repeating: 0)
        total = 0
    }

    /// Empties the entries a rank touched (exactly, without subtracting), ready for the next stratum.
    mutating func clear(rank: Int) {
        leaves[rank] = 0
        var i = (rank >> Self.blockBits) + 1
        let m = top.count
        while i < m {
            top[i] = 0
            i += i & -i
        }
        total = 0
    }
}
