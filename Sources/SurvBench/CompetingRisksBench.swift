import Foundation
import SurvCore

/// Times cumulative incidence (3 groups × 2 causes), Gray's test and a Fine–Gray fit on the synthetic cohort,
/// with each event split between the event (code 1) and a competing cause (code 2).
enum CompetingRisksBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let cohort = SyntheticCohort(rows: rows)
        var rng = SplitMix64(seed: 7)
        let status = cohort.event.map { $0 ? (rng.uniform() < 0.6 ? 1 : 2) : 0 }
        var results: [(name: String, seconds: Double)] = []
        // Wall time, and this thread's CPU time: on a shared machine the second shows the cost of the code
        // itself when other processes compete for the cores.
        func cpuSeconds() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = cpuSeconds()
            let value = try body()
            let cpu = cpuSeconds() - cpuStart
            results.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            results.append((name + " (cpu)", cpu))
            return value
        }
        let data = try time("read status, \(rows) rows") {
            try CompetingRisksData(time: cohort.time, status: status, event: 1, competing: [2])
        }
        _ = try time("cumulative incidence, 3 groups, \(rows) rows") {
            try CumulativeIncidence.estimate(data, group: cohort.stratum)
        }
        _ = try time("Gray's test, 3 groups, \(rows) rows") { try GrayTest.compute(data, group: cohort.stratum) }
        let names = (0..<SyntheticCohort.covariateCount).map { "x\($0 + 1)" }
        let input = FineGrayInput(data: data, covariates: cohort.covariates, columnNames: names)
        let fit = try time("Fine–Gray, 10 covariates, \(rows) rows") { try FineGrayFit.fit(input) }
        guard fit.converged else { throw CoreError("benchmark Fine–Gray fit did not converge in \(fit.iterations) iterations") }
        return results
    }
}
