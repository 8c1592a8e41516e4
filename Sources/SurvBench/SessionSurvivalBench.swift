import Foundation
import SurvCore
import SurvData
import SurvSession

/// The survival commands on a 1,000,000-row cohort as a user runs them, each command timed through the
/// whole session (row selection, grouping, the core, rendering), beside the core's own time for the same
/// Kaplan–Meier curves and log-rank test on arrays already in hand: what the session adds is the difference.
enum SessionSurvivalBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-session-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cohort.csv").path
        _ = try CSVLoadBench.writeCohort(rows: rows, path: path, fullPrecision: false, lateText: false)

        var results: [(name: String, seconds: Double)] = []
        let session = Session()
        // Wall time, and the process's CPU time: on a shared machine the second shows the cost of the code
        // itself when other processes compete for the cores (it adds up both cores where two are used).
        func command(_ line: String) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = processCPUSeconds()
            let outcomes = session.runAndRender(line: line)
            let cpu = processCPUSeconds() - cpuStart
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if let failed = outcomes.first(where: \.failed) { throw CoreError("\(line) failed: \(failed.text)") }
            results.append(("session: \(line)", seconds))
            results.append(("session: \(line) (cpu)", cpu))
            return seconds
        }
        _ = try command("load \"\(path)\"")
        _ = try command("endpoint time, event")
        var survival = try command("stratify by arm")
        survival += try command("km")
        survival += try command("logrank")
        results.append(("session: stratify + km + logrank", survival))
        // The same work in the core alone, on the columns as arrays (extracted outside the timing): once through
        // the array API (each curve and the test prepare their own rows), once preparing the rows once. On a
        // shared machine one run is noise: the session and the core take turns, ten rounds, and the fastest of
        // each counts (each session round prepares the rows anew: a new stratification drops them).
        let table = try DelimitedTextReader.read(path: path)
        var byArrays = Double.infinity, preparedOnce = Double.infinity
        // Also without drawing the outcomes as text and JSON: the core's figures include no rendering.
        var unrendered = Double.infinity
        for _ in 0..<10 {
            _ = session.runAndRender(line: "stratify none")
            var start = DispatchTime.now().uptimeNanoseconds
            for line in ["stratify by arm", "km", "logrank"] { _ = session.runAndRender(line: line) }
            survival = min(survival, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            _ = session.run(line: "stratify none")
            start = DispatchTime.now().uptimeNanoseconds
            for line in ["stratify by arm", "km", "logrank"] {
                if case .failure(let error) = session.run(line: line).first?.result { throw CoreError("\(line): \(error.message)") }
            }
            unrendered = min(unrendered, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let core = try coreSeconds(table: table)
            byArrays = min(byArrays, core.arrays)
            preparedOnce = min(preparedOnce, core.preparedOnce)
        }
        results.append(("session: stratify + km + logrank, fastest of 11", survival))
        results.append(("session: the same, not rendered, fastest of 10", unrendered))
        results.append(("core: KM by 3 strata + log-rank, \(rows) rows, arrays, fastest of 10", byArrays))
        results.append(("core: the same, rows prepared once, fastest of 10", preparedOnce))
        results.append((String(format: "session / core = %.2f (arrays), %.2f (prepared once); not rendered %.2f, %.2f",
                               survival / byArrays, survival / preparedOnce, unrendered / byArrays, unrendered / preparedOnce), .nan))

        _ = try command("stratify none")
        _ = try command("cox age + arm + sex + x1 + x2 + x3 + x4 + x5 + x6")
        _ = try command("phtest")
        return results
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func coreSeconds(table: DataTable) throws -> (arrays: Double, preparedOnce: Double) {
        guard case .number(let time, _)? = table.column(named: "time")?.data,
              case .number(let status, _)? = table.column(named: "event")?.data,
              case .text(let arm, let levels)? = table.column(named: "arm")?.data else {
            throw CoreError("benchmark columns missing")
        }
        let event = status.map { $0 == 1 }
        let group = arm.map(Int.init)
        var start = DispatchTime.now().uptimeNanoseconds
        var members = [[Int]](repeating: [], count: levels.count)
        for (i, g) in group.enumerated() { members[g].append(i) }
        var curves: [KaplanMeierCurve] = []
        for rows in members {
            curves.append(try KaplanMeierCurve.fit(time: rows.map { time[$0] }, event: rows.map { event[$0] }))
        }
        var test = try LogRankTest.compute(time: time, event: event, group: group, groupCount: levels.count)
        let arrays = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if curves.count != levels.count || test.groups.count != levels.count { throw CoreError("benchmark produced no result") }

        start = DispatchTime.now().uptimeNanoseconds
        let prepared = try SurvivalPreparation(time: time, event: event, strata: StratumCodes(labels: group))
        curves = try (0..<prepared.strata).map { try KaplanMeierCurve.fit(prepared, stratum: $0) }
        test = try LogRankTest.compute(prepared)
        let once = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if curves.count != levels.count || test.groups.count != levels.count { throw CoreError("benchmark produced no result") }
        return (arrays, once)
    }
}
