/// The ranks of a predictor for the concordance's `RankWeightTree`: exact ties share a rank (R matches on
/// sort(unique(x))), −0 and +0 are one value. Found along the sorted keys rather than by reading the predictor
/// through the order, which would touch it at random.
enum PredictorRanks {
    /// Each value's rank, 0-based, and the number of distinct values.
    static func of(_ predictor: [Double]) -> (rank: [Int32], distinct: Int) {
        let n = predictor.count
        guard n > 0 else { return ([], 0) }
        let (byPredictor, sortedKeys) = TimeOrder.ascendingWithKeys(predictor)
        var rank = [Int32](repeating: 0, count: n)
        var distinct: Int32 = 0
        for k in 0..<n {
            if k > 0 && sortedKeys[k] != sortedKeys[k - 1] { distinct += 1 }
            rank[Int(byPredictor[k])] = distinct
        }
        return (rank, Int(distinct) + 1)
    }
}
