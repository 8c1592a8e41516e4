/// Harrell's concordance of a Cox model on (start, stop] intervals, as `summary.coxph` reports it: each event
/// is compared with the rows at risk at its time in its stratum (rows dying at the same time are tied on
/// time and left out); a higher linear predictor for the one who dies is concordant, equal predictors count half.
enum CountingProcessConcordance {
    /// Comparing each event with its whole risk set costs events × rows; past this the value is left undefined.
    static let maximumComparisons = 200_000_000

    static func compute(likelihood: CountingProcessLikelihood, eta: [Double]) throws(CoreError) -> Double {
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        let events = likelihood.event.lazy.filter { $0 }.count
        guard events * likelihood.n <= maximumComparisons else { return .nan }
        for s in likelihood.byStop.indices {
            let rows = likelihood.byStop[s]
            for i in rows where likelihood.event[i] {
                try Interruption.checkpoint()
                let t = likelihood.stop[i]
                for j in rows where likelihood.start[j] < t && likelihood.stop[j] >= t {
                    if likelihood.stop[j] == t && likelihood.event[j] { continue }
                    if eta[i] > eta[j] { concordant += 1 } else if eta[i] < eta[j] { discordant += 1 } else { tied += 1 }
                }
            }
        }
        let total = concordant + discordant + tied
        return total > 0 ? (concordant + tied / 2) / total : .nan
    }
}
