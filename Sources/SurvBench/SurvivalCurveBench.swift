import Foundation
import SurvCore

/// Times the survival-curve statistics on the synthetic cohort: a Kaplan–Meier curve per stratum
/// (the three strata split out of the columns, as a `by` command would) and the log-rank test across
/// the three strata used as groups.
enum SurvivalCurveBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let cohort = SyntheticCohort(rows: rows)
        var results: [(name: String, seconds: Double)] = []

        var curves: [KaplanMeierCurve] = []
        let kmSeconds = try time {
            var times = [[Double]](repeating: [], count: 3)
            var events = [[Bool]](repeating: [], count: 3)
            for s in 0..<3 {
                times[s].reserveCapacity(rows / 2)
                events[s].reserveCapacity(rows / 2)
            }
            for i in 0..<rows {
                let s = cohort.stratum[i]
                times[s].append(cohort.time[i])
                events[s].append(cohort.event[i])
            }
            curves = try (0..<3).map { try KaplanMeierCurve.fit(time: times[$0], event: events[$0]) }
        }
        results.append(("Kaplan-Meier by 3 strata, \(rows) rows", kmSeconds))

        var medians: [Double?] = []
        let medianSeconds = time { medians = curves.map { $0.median.estimate } }
        results.append(("median with CI for the 3 curves", medianSeconds))

        var test: LogRankTest?
        let logRankSeconds = try time {
            test = try LogRankTest.compute(time: cohort.time, event: cohort.event, group: cohort.stratum, groupCount: 3)
        }
        results.append(("log-rank test, 3 groups, \(rows) rows", logRankSeconds))

        // A binary covariate as the group, stratified by the three strata.
        let binaryGroup = cohort.covariates[1].map { $0 == 1 ? 1 : 0 }
        var stratified: LogRankTest?
        let stratifiedSeconds = try time {
            stratified = try LogRankTest.compute(time: cohort.time, event: cohort.event, group: binaryGroup,
                                                 groupCount: 2, strata: cohort.stratum)
        }
        results.append(("stratified log-rank test, 2 groups x 3 strata, \(rows) rows", stratifiedSeconds))

        // Keep the results observable so the optimiser cannot drop the work.
        if curves.count != 3 || medians.count != 3 || test == nil || stratified == nil { throw CoreError("benchmark produced no result") }
        return results
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
