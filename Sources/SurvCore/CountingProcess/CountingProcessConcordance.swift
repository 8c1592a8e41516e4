/// Harrell's concordance of a Cox model on (start, stop] intervals, as `summary.coxph` reports it: each event
/// is compared with the rows at risk at its time in its stratum (rows dying at the same time are tied on
/// time and left out); a higher linear predictor for the one who dies is concordant, equal predictors count
/// half. Its standard error is R's infinitesimal jackknife (concordancefit): each row's share of the
/// concordant, discordant and tied pairs gives its influence on Somers' d, summed within clusters when the
/// model has `cluster()`, as coxph passes its clusters on.
enum CountingProcessConcordance {
    /// Comparing each event with its whole risk set costs events × rows; past this the value is left undefined.
    static let maximumComparisons = 200_000_000

    static func compute(likelihood: CountingProcessLikelihood, eta: [Double],
                        cluster: [Int]?) throws(CoreError) -> (concordance: Double, standardError: Double) {
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        let events = likelihood.event.lazy.filter { $0 }.count
        guard events * likelihood.n <= maximumComparisons else { return (.nan, .nan) }
        // Per row: the pairs it is in that are concordant, discordant and tied on the predictor.
        var rowConcordant = [Double](repeating: 0, count: likelihood.n)
        var rowDiscordant = rowConcordant, rowTied = rowConcordant
        for s in likelihood.byStop.indices {
            let rows = likelihood.byStop[s]
            for i in rows where likelihood.event[i] {
                try Interruption.checkpoint()
                let t = likelihood.stop[i]
                for j in rows where likelihood.start[j] < t && likelihood.stop[j] >= t {
                    if likelihood.stop[j] == t && likelihood.event[j] { continue }
                    if eta[i] > eta[j] {
                        concordant += 1
                        rowConcordant[i] += 1
                        rowConcordant[j] += 1
                    } else if eta[i] < eta[j] {
                        discordant += 1
                        rowDiscordant[i] += 1
                        rowDiscordant[j] += 1
                    } else {
                        tied += 1
                        rowTied[i] += 1
                        rowTied[j] += 1
                    }
                }
            }
        }
        let total = concordant + discordant + tied
        guard total > 0 else { return (.nan, .nan) }
        let somers = (concordant - discordant) / total
        var influence = (0..<likelihood.n).map { k in
            (rowConcordant[k] - rowDiscordant[k]) / total - (somers / total) * (rowConcordant[k] + rowDiscordant[k] + rowTied[k])
        }
        if let cluster, cluster.count == likelihood.n {
            var sums: [Int: Double] = [:]
            for (k, c) in cluster.enumerated() { sums[c, default: 0] += influence[k] }
            influence = Array(sums.values)
        }
        let variance = influence.reduce(0) { $0 + $1 * $1 } / 4
        return ((somers + 1) / 2, variance.squareRoot())
    }
}
