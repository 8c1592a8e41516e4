import Foundation
import SurvCore

/// The whole job at one size, in a process of its own so its peak memory can be read:
/// Kaplan–Meier by 3 strata, the log-rank test across them, and the stratified Efron Cox fit on all
/// 10 covariates.
enum WholeJobBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let start = DispatchTime.now().uptimeNanoseconds
        let cohort = SyntheticCohort(rows: rows)
        var members = [[Int]](repeating: [], count: 3)
        for (i, s) in cohort.stratum.enumerated() { members[s].append(i) }
        for rows in members {
            _ = try KaplanMeierCurve.fit(time: rows.map { cohort.time[$0] }, event: rows.map { cohort.event[$0] })
        }
        _ = try LogRankTest.compute(time: cohort.time, event: cohort.event, group: cohort.stratum, groupCount: 3)
        let names = (0..<SyntheticCohort.covariateCount).map { "x\($0 + 1)" }
        let input = CoxModelInput(time: cohort.time, event: cohort.event, covariates: cohort.covariates,
                                  columnNames: names, strata: cohort.stratum, ties: .efron)
        let fit = try CoxFit.fit(input)
        guard fit.converged else { throw CoreError("benchmark fit did not converge") }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return [("whole job (generate data, KM by 3 strata, log-rank, stratified Cox), \(rows) rows", seconds)]
    }
}
