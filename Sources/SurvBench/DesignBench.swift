import Foundation
import SurvCore
import SurvSession

/// `table1` of 10 columns and `split` of every subject on a 1,000,000-row cohort, each through the session as
/// a user types it (the command and its rendering), the fastest of three. Run each section in its own
/// process (`table1`, `split`): the peak memory printed after the loaded table's is the command's own.
enum DesignBench {
    static func run(rows: Int, section: String) throws -> [(name: String, seconds: Double)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-design-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cohort.csv").path
        _ = try CSVLoadBench.writeCohort(rows: rows, path: path, fullPrecision: false, lateText: false)

        var results: [(name: String, seconds: Double)] = []
        let session = Session()
        func timed(_ line: String) throws -> (wall: Double, cpu: Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = SessionSurvivalBench.processCPUSeconds()
            let outcomes = session.runAndRender(line: line)
            let cpu = SessionSurvivalBench.processCPUSeconds() - cpuStart
            if let failed = outcomes.first(where: \.failed) { throw CoreError("\(line) failed: \(failed.text)") }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu)
        }
        // A switch time inside about half of the follow-ups, missing for a tenth of the rows.
        let setup = ["load \"\(path)\"", "endpoint time, event", "let switch_at = if(x2 < 10, x6, x2 * 5)"]
        for line in setup { _ = try timed(line) }
        results.append((String(format: "loaded, peak resident memory %.0f MB", peakResidentMegabytes()), .nan))
        let line = section == "split" ? "split tx at switch_at"
            : "table1 age, sex, x1, x2, x3, x4, x5, x6, event, time by arm"
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for round in 0..<3 {
            if round > 0 && section == "split" { for again in setup { _ = try timed(again) } }
            let t = try timed(line)
            if t.wall < best.wall { best = t }
        }
        results.append(("\(line), \(rows) rows, fastest of 3", best.wall))
        results.append(("the same, cpu", best.cpu))
        results.append((String(format: "peak resident memory %.0f MB", peakResidentMegabytes()), .nan))
        return results
    }
}
