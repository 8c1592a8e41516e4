import Foundation

/// A deterministic splitmix64 generator: benchmarks must see the same data on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0 }
    mutating func normal() -> Double {
        let u = uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// The benchmark workload: n rows, 10 covariates, exponential times with proportional hazards,
/// rounded to 0.1 so that times tie, about 30% censored, 3 strata.
struct SyntheticCohort {
    var time: [Double]
    var event: [Bool]
    var covariates: [[Double]]   // 10 columns, each of length n
    var stratum: [Int]           // 0, 1, 2
    static let covariateCount = 10

    init(rows n: Int, seed: UInt64 = 20_221_125) {
        var rng = SplitMix64(seed: seed)
        let beta = (0..<Self.covariateCount).map { 0.3 * Double($0 % 4) - 0.4 }
        covariates = Array(repeating: [Double](repeating: 0, count: n), count: Self.covariateCount)
        time = [Double](repeating: 0, count: n)
        event = [Bool](repeating: false, count: n)
        stratum = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var lp = 0.0
            for j in 0..<Self.covariateCount {
                // Half the covariates continuous, half binary, as in a clinical data set.
                let x = j % 2 == 0 ? rng.normal() : (rng.uniform() < 0.4 ? 1 : 0)
                covariates[j][i] = x
                lp += beta[j] * x
            }
            let s = Int(rng.uniform() * 3)
            stratum[i] = min(s, 2)
            let eventTime = -log(rng.uniform()) / (0.1 * exp(lp) * Double(1 + stratum[i]))
            let censorTime = -log(rng.uniform()) / 0.05
            let t = min(eventTime, censorTime)
            time[i] = max(0.1, (t * 10).rounded() / 10)
            event[i] = eventTime <= censorTime
        }
    }
}
