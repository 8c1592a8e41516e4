// The concordance visits a million rows in time order, so the predictor ranks it adds and queries are random:
// what costs is the cache lines a visit touches, not the arithmetic. Three levels: each rank's weight, eight to
// a 64-byte cache line; the total of each group of eight ranks, eight groups to a line; and a Fenwick tree
// over the totals of 64 ranks (8 bytes per 64 ranks, small enough to stay in the processor's cache). A visit
// reads or writes one scattered line of each lower level and walks a tree that is cached. A Fenwick tree inside
// 64-rank blocks touched several scattered lines a visit, and one over 8-rank blocks grew out of the cache.

/// A weighted rank histogram with O(log m) prefix sums: the weight below, at and above a given rank.
struct RankWeightTree {
    /// The weight at each rank.
    private let leaves: UnsafeMutableBufferPointer<Double>
    /// The weight of each group of 8 ranks.
    private let groups: UnsafeMutableBufferPointer<Double>
    /// Fenwick sums over the weights of blocks of 64 ranks, 1-based.
    private let top: UnsafeMutableBufferPointer<Double>
    private(set) var total = 0.0

    init(ranks: Int) {
        let blocks = (ranks >> 6) + 1
        leaves = .allocate(capacity: blocks << 6)
        leaves.initialize(repeating: 0)
        groups = .allocate(capacity: blocks << 3)
        groups.initialize(repeating: 0)
        top = .allocate(capacity: blocks + 1)
        top.initialize(repeating: 0)
    }

    func deallocate() {
        leaves.deallocate()
        groups.deallocate()
        top.deallocate()
    }

    @inline(__always)
    mutating func add(rank: Int, weight: Double) {
        total += weight
        leaves[rank] += weight
        groups[rank >> 3] += weight
        var i = (rank >> 6) + 1
        let m = top.count
        while i < m {
            top[i] += weight
            i += i & -i
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal.
    @inline(__always)
    func split(rank: Int) -> (greater: Double, less: Double, equal: Double) {
        var below = 0.0
        for r in (rank & ~7)..<rank { below += leaves[r] }
        let group = rank >> 3
        for g in (group & ~7)..<group { below += groups[g] }
        var i = rank >> 6
        while i > 0 {
            below += top[i]
            i -= i & -i
        }
        let equal = leaves[rank]
        return (total - below - equal, below, equal)
    }

    /// Storage size: above a few percent of it, zeroing everything is cheaper than undoing ranks one by one.
    var capacity: Int { leaves.count + groups.count + top.count }

    mutating func reset() {
        leaves.update(repeating: 0)
        groups.update(repeating: 0)
        top.update(repeating: 0)
        total = 0
    }

    /// Empties the entries a rank touched (exactly, without subtracting), ready for the next stratum: once every
    /// rank that was added is cleared, the tree is empty.
    mutating func clear(rank: Int) {
        leaves[rank] = 0
        groups[rank >> 3] = 0
        var i = (rank >> 6) + 1
        let m = top.count
        while i < m {
            top[i] = 0
            i += i & -i
        }
        total = 0
    }
}
