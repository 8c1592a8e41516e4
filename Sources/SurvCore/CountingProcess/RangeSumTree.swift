/// Sums of vectors over ranges of keys, built by adding only. Each node holds the sum of the values added at
/// the keys below it, and a range's sum adds the O(log n) nodes that tile it, so a sum never takes in a value
/// from outside its range to take it out again: unlike differences of running or cumulative sums, small
/// values keep their digits beside large ones elsewhere. The (start, stop] score residuals need that when a
/// coefficient diverges and risk weights and hazard jumps span many orders of magnitude.
struct RangeSumTree {
    /// Components of each value.
    let width: Int
    private let leaves: Int
    private var nodes: [Double]

    /// A tree over keys 0..<count, every sum 0.
    init(count: Int, width: Int) {
        self.width = width
        var leaves = 1
        while leaves < count { leaves *= 2 }
        self.leaves = leaves
        nodes = [Double](repeating: 0, count: 2 * leaves * width)
    }

    /// Adds `value` (`width` components) at `key`.
    mutating func add(_ value: [Double], at key: Int) {
        var node = leaves + key
        while node >= 1 {
            for j in 0..<width { nodes[node * width + j] += value[j] }
            node /= 2
        }
    }

    /// The sum of the values added at keys in `range` (clamped to the keys the tree has).
    func sum(_ range: Range<Int>) -> [Double] {
        var total = [Double](repeating: 0, count: width)
        var low = max(range.lowerBound, 0) + leaves, high = min(range.upperBound, leaves) + leaves
        while low < high {
            if low & 1 == 1 {
                for j in 0..<width { total[j] += nodes[low * width + j] }
                low += 1
            }
            if high & 1 == 1 {
                high -= 1
                for j in 0..<width { total[j] += nodes[high * width + j] }
            }
            low /= 2
            high /= 2
        }
        return total
    }
}
