import Foundation
import SurvCore

/// Times the Cox fit (Efron ties, all 10 covariates of the synthetic cohort) to convergence, with and without
/// its 3 strata, the proportional-hazards test on the stratified fit, and the (start, stop] fit with clusters
/// (each subject's follow-up split in two at half its time, `cluster(id)`: twice the rows).
enum CoxBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let cohort = SyntheticCohort(rows: rows)
        let names = (0..<SyntheticCohort.covariateCount).map { "x\($0 + 1)" }
        let stratified = CoxModelInput(time: cohort.time, event: cohort.event, covariates: cohort.covariates,
                                       columnNames: names, strata: cohort.stratum, ties: .efron)
        var unstratified = stratified
        unstratified.strata = nil

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
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            results.append((name, elapsed))
            results.append((name + " (cpu)", cpu))
            return value
        }
        let fit = try time("cox efron stratified, \(rows) rows") { try CoxFit.fit(stratified) }
        _ = try time("cox efron unstratified, \(rows) rows") { try CoxFit.fit(unstratified) }
        _ = try time("cox.zph km stratified, \(rows) rows") {
            try ProportionalHazardsTest.compute(input: stratified, fit: fit)
        }
        let split = splitInTwo(cohort, names: names)
        let counting = try time("cox (start, stop] cluster(id), \(2 * rows) rows") { try CoxFit.fit(countingProcess: split) }
        guard counting.concordance.isFinite else { throw CoreError("the (start, stop] fit left its concordance undefined") }
        guard fit.converged else { throw CoreError("benchmark fit did not converge in \(fit.iterations) iterations") }
        return results
    }

    /// Each subject as two intervals, (0, t/2] censored and (t/2, t] with its outcome, clustered by subject.
    private static func splitInTwo(_ cohort: SyntheticCohort, names: [String]) -> CountingProcessCoxInput {
        let n = cohort.time.count
        var start = [Double](), stop = [Double](), event = [Bool](), cluster = [Int]()
        start.reserveCapacity(2 * n)
        stop.reserveCapacity(2 * n)
        event.reserveCapacity(2 * n)
        cluster.reserveCapacity(2 * n)
        for i in 0..<n {
            let half = cohort.time[i] / 2
            start.append(0)
            start.append(half)
            stop.append(half)
            stop.append(cohort.time[i])
            event.append(false)
            event.append(cohort.event[i])
            cluster.append(i)
            cluster.append(i)
        }
        let covariates = cohort.covariates.map { column in column.flatMap { [$0, $0] } }
        return CountingProcessCoxInput(start: start, stop: stop, event: event, covariates: covariates, columnNames: names,
                                       cluster: cluster, ties: .efron)
    }
}
