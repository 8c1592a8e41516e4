import XCTest
@testable import SurvCore

/// The (start, stop] concordance, computed in O(n log n) with rank trees, against the definition read literally:
/// each event against every row of its stratum at risk at its time (the R-checked values are in
/// CountingProcessTests and CountingProcessEdgeTests).
final class CountingProcessConcordanceTests: XCTestCase {
    func testMatchesEveryPairComparedOnRandomData() throws {
        var random = SplitMix(seed: 20_261_130)
        var compared = 0, undefined = 0
        for trial in 0..<800 {
            let n = 1 + Int(random.next() % 40)
            // Few distinct times and predictors, so ties on time, on the predictor and between starts and
            // stops are everywhere.
            let timeRange = 2 + random.next() % 10
            var start = [Double](), stop = [Double](), event = [Bool]()
            for _ in 0..<n {
                let a = Double(random.next() % timeRange) - 2
                let b = a + 1 + Double(random.next() % 5)
                start.append(a)
                stop.append(b)
                event.append(random.next() % 2 == 0)
            }
            let levels = 1 + random.next() % 6
            let eta = (0..<n).map { _ in Double(random.next() % levels) * 0.37 - 0.5 }
            let strata: [Int]? = random.next() % 2 == 0 ? nil : (0..<n).map { _ in Int(random.next() % 3) }
            let cluster: [Int]? = random.next() % 2 == 0 ? nil : (0..<n).map { _ in Int(random.next() % UInt64(max(1, n / 3))) }
            let input = CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: [eta], columnNames: ["x"],
                                                strata: strata, cluster: cluster)
            let likelihood = CountingProcessLikelihood(input: input, means: [0])
            let fast = try CountingProcessConcordance.compute(likelihood: likelihood, eta: eta, cluster: cluster)
            let slow = EveryPairConcordance.compute(start: start, stop: stop, event: event, eta: eta, strata: strata, cluster: cluster)
            let label = "trial \(trial): n \(n), strata \(strata != nil), cluster \(cluster != nil)"
            if slow.concordance.isNaN {
                undefined += 1
                XCTAssertTrue(fast.concordance.isNaN, label)
                XCTAssertTrue(fast.standardError.isNaN, label)
                continue
            }
            compared += 1
            // The pair counts are whole numbers either way, so the concordance is the same to the last bit.
            XCTAssertEqual(fast.concordance, slow.concordance, label)
            XCTAssertEqual(fast.standardError, slow.standardError, accuracy: 1e-12 * max(1, slow.standardError), label)
        }
        XCTAssertGreaterThan(compared, 600, "most random data sets must have comparable pairs")
        XCTAssertGreaterThan(undefined, 0, "some must have none, to check the undefined case")
    }

    func testPairsFormOnlyWithinStrata() throws {
        // Within each stratum every pair is concordant; the second stratum's times all come after the first's
        // with higher predictors, so pairs across them (were they formed) would all be discordant: 12 of 28.
        let stop: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let start = [Double](repeating: 0, count: 8)
        let event = [Bool](repeating: true, count: 8)
        let eta: [Double] = [4, 3, 2, 1, 14, 13, 12, 11]
        let strata = [0, 0, 0, 0, 1, 1, 1, 1]
        let input = CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: [eta], columnNames: ["x"], strata: strata)
        let stratified = try CountingProcessConcordance.compute(likelihood: CountingProcessLikelihood(input: input, means: [0]),
                                                               eta: eta, cluster: nil)
        XCTAssertEqual(stratified.concordance, 1)
        var pooled = input
        pooled.strata = nil
        let together = try CountingProcessConcordance.compute(likelihood: CountingProcessLikelihood(input: pooled, means: [0]),
                                                             eta: eta, cluster: nil)
        XCTAssertEqual(together.concordance, 12.0 / 28.0, accuracy: 1e-15)
    }

    func testOneRowDataMatchesTheOneRowConcordance() throws {
        // Every row at risk from before the first time is right-censored data, whose concordance the one-row Cox
        // path computes its own way; with far more pairs than comparing each event with every row could afford.
        var random = SplitMix(seed: 7)
        let n = 40_000
        let time = (0..<n).map { _ in Double(1 + random.next() % 5_000) }
        let event = (0..<n).map { _ in random.next() % 3 != 0 }
        let eta = (0..<n).map { _ in Double(random.next() % 2_000) / 100 }
        let cluster = (0..<n).map { $0 / 3 }
        let input = CountingProcessCoxInput(start: [Double](repeating: 0, count: n), stop: time, event: event,
                                            covariates: [eta], columnNames: ["x"], cluster: cluster)
        let likelihood = CountingProcessLikelihood(input: input, means: [0])
        let counting = try CountingProcessConcordance.compute(likelihood: likelihood, eta: eta, cluster: nil)
        let prepared = try SurvivalPreparation(time: time, event: event)
        let oneRow = CoxConcordance.compute(prepared, weight: [Double](repeating: 1, count: n),
                                            predictor: prepared.order.map { eta[Int($0)] })
        XCTAssertEqual(counting.concordance, oneRow.concordance, accuracy: 1e-12)
        XCTAssertEqual(counting.standardError, oneRow.standardError, accuracy: 1e-12)
        XCTAssertGreaterThan(counting.standardError, 0)
        // Clusters of three rows move the standard error but not the concordance.
        let clustered = try CountingProcessConcordance.compute(likelihood: likelihood, eta: eta, cluster: cluster)
        XCTAssertEqual(clustered.concordance, counting.concordance)
        XCTAssertNotEqual(clustered.standardError, counting.standardError)
    }
}

/// The concordance and its infinitesimal-jackknife standard error by comparing each event with every row of its
/// stratum at risk at its time: events × rows, kept as the definition the fast computation is checked against.
private enum EveryPairConcordance {
    static func compute(start: [Double], stop: [Double], event: [Bool], eta: [Double], strata: [Int]?,
                        cluster: [Int]?) -> (concordance: Double, standardError: Double) {
        let n = stop.count
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var rowConcordant = [Double](repeating: 0, count: n)
        var rowDiscordant = rowConcordant, rowTied = rowConcordant
        for i in 0..<n where event[i] {
            let t = stop[i]
            for j in 0..<n where (strata?[j] ?? 0) == (strata?[i] ?? 0) && start[j] < t && stop[j] >= t {
                if stop[j] == t && event[j] { continue }
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
        let total = concordant + discordant + tied
        guard total > 0 else { return (.nan, .nan) }
        let somers = (concordant - discordant) / total
        var influence = (0..<n).map { k in
            (rowConcordant[k] - rowDiscordant[k]) / total - (somers / total) * (rowConcordant[k] + rowDiscordant[k] + rowTied[k])
        }
        if let cluster {
            var sums = [Double](repeating: 0, count: (cluster.max() ?? 0) + 1)
            for (k, c) in cluster.enumerated() { sums[c] += influence[k] }
            influence = sums
        }
        let variance = influence.reduce(0) { $0 + $1 * $1 } / 4
        return ((somers + 1) / 2, variance.squareRoot())
    }
}

/// A small seeded generator, so a failing data set can be made again.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1330_11EB
        return z ^ (z >> 31)
    }
}
