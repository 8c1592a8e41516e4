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
        func command(_ line: String) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            let outcomes = session.runAndRender(line: line)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if let failed = outcomes.first(where: \.failed) { throw CoreError("\(line) failed: \(failed.text)") }
            results.append(("session: \(line)", seconds))
            return seconds
        }
        _ = try command("load \"\(path)\"")
        _ = try command("endpoint time, event")
        var survival = try command("stratify by arm")
        survival += try command("km")
        survival += try command("logrank")
        results.append(("session: stratify + km + logrank", survival))

        // The same work in the core alone, on the columns as arrays (extracted outside the timing).
        let core = try coreSeconds(table: try DelimitedTextReader.read(path: path))
        results.append(("core: KM by 3 strata + log-rank, \(rows) rows", core))
        results.append((String(format: "session / core = %.2f", survival / core), .nan))

        _ = try command("stratify none")
        _ = try command("cox age + arm + sex + x1 + x2 + x3 + x4 + x5 + x6")
        _ = try command("phtest")
        return results
    }

    private static func coreSeconds(table: DataTable) throws -> Double {
        guard case .number(let time, _)? = table.column(named: "time")?.data,
              case .number(let status, _)? = table.column(named: "event")?.data,
              case .text(let arm, let levels)? = table.column(named: "arm")?.data else {
            throw CoreError("benchmark columns missing")
        }
        let event = status.map { $0 == 1 }
        let group = arm.map(Int.init)
        let start = DispatchTime.now().uptimeNanoseconds
        var members = [[Int]](repeating: [], count: levels.count)
        for (i, g) in group.enumerated() { members[g].append(i) }
        var curves: [KaplanMeierCurve] = []
        for rows in members {
            curves.append(try KaplanMeierCurve.fit(time: rows.map { time[$0] }, event: rows.map { event[$0] }))
        }
        let test = try LogRankTest.compute(time: time, event: event, group: group, groupCount: levels.count)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if curves.count != levels.count || test.groups.count != levels.count { throw CoreError("benchmark produced no result") }
        return seconds
    }
}
