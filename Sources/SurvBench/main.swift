import Foundation
import SurvData

// Release-mode benchmarks: `make bench`, or `swift run -c release SurvBench [section ...]`.
// Sections: core (KM, log-rank and Cox at 10^4, 10^5, 10^6 rows), competing (cumulative incidence, Gray's test, Fine–Gray at the same sizes), figures (drawing 3 strata of 10^6 steps), csv (1,000,000 × 12 load), stata (the same as a .dta),
// commands (each command on a bundled cohort), session (the survival commands on 10^6 rows against
// the core's time for the same work), startup, notebook (replaying a 50-cell notebook), job (KM + log-rank + Cox on 10^6 rows, for its
// peak memory), table1 and split (each on 10^6 rows, in its own process); `write-csv PATH` / `load-csv PATH`; and `surv-job [PATH]` (the surv executable on the whole job,
// beside lifelines). Each section is best run in its own process
// so that the peak memory printed is that section's.

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024   // Linux reports kilobytes
}

func report(_ title: String, _ rows: [(name: String, seconds: Double)]) {
    print("\n\(title)")
    let width = rows.map(\.name.count).max() ?? 10
    for row in rows {
        let time = row.seconds.isNaN ? "—" : (row.seconds < 0.01 ? String(format: "%8.3f ms", row.seconds * 1000) : String(format: "%8.3f s ", row.seconds))
        print("  " + row.name + String(repeating: " ", count: width - row.name.count) + "  " + time)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())

// `write-csv PATH [ROWS]` writes the CSV benchmark file; `load-csv PATH` only loads it, so that the peak
// memory printed is the reader's alone.
if arguments.count >= 2, arguments[0] == "write-csv" || arguments[0] == "load-csv" {
    do {
        if arguments[0] == "write-csv" {
            let rows = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
            let bytes = try CSVLoadBench.writeCohort(rows: rows, path: arguments[1], fullPrecision: false, lateText: false)
            print("wrote \(rows) rows, \(bytes / 1_048_576) MB to \(arguments[1])")
        } else {
            let start = DispatchTime.now().uptimeNanoseconds
            let table = try DelimitedTextReader.read(path: arguments[1])
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "loaded %d rows × %d columns in %.3f s; peak resident memory %.0f MB",
                         table.rowCount, table.columns.count, seconds, peakResidentMegabytes()))
        }
        exit(0)
    } catch {
        print("benchmark failed: \(error)")
        exit(1)
    }
}

// `surv-job [PATH]` runs the whole job through the surv executable beside lifelines, on PATH or on a
// file it writes (set SURV_BENCH_PYTHON to a Python with lifelines and pandas; SURV_BENCH_REPEATS runs).
if arguments.first == "surv-job" {
    do {
        let environment = ProcessInfo.processInfo.environment
        let repeats = environment["SURV_BENCH_REPEATS"].flatMap { Int($0) }.map { max(1, $0) } ?? 3
        let python = environment["SURV_BENCH_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        if arguments.count > 1 {
            try SurvJobBench.run(csv: arguments[1], repeats: repeats, python: python)
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-job-csv-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("cohort.csv").path
            _ = try CSVLoadBench.writeCohort(rows: 1_000_000, path: csv, fullPrecision: false, lateText: false)
            try SurvJobBench.run(csv: csv, repeats: repeats, python: python)
        }
        exit(0)
    } catch {
        print("benchmark failed: \(error)")
        exit(1)
    }
}

let requested = Set(arguments)
let all = requested.isEmpty
do {
    if all || requested.contains("core") {
        for n in [10_000, 100_000, 1_000_000] {
            report("survival curves and tests, n = \(n)", try SurvivalCurveBench.run(rows: n))
            report("Cox model, n = \(n)", try CoxBench.run(rows: n))
        }
    }
    if all || requested.contains("competing") {
        for n in [10_000, 100_000, 1_000_000] {
            report("competing risks, n = \(n)", try CompetingRisksBench.run(rows: n))
        }
    }
    if all || requested.contains("figures") {
        report("figures, 3 strata", try FigureBench.run(rowsPerStratum: 1_000_000))
    }
    if requested.contains("job") {
        report("whole job", try WholeJobBench.run(rows: 1_000_000))
    }
    if requested.contains("session") {
        report("survival commands in the session", try SessionSurvivalBench.run(rows: 1_000_000))
    }
    for section in ["table1", "split"] where requested.contains(section) {
        report("\(section) on 1,000,000 rows", try DesignBench.run(rows: 1_000_000, section: section))
    }
    if all || requested.contains("csv") {
        report("CSV load", try CSVLoadBench.run(rows: 1_000_000))
    }
    if all || requested.contains("stata") {
        report("Stata load", try StatFileLoadBench.run(rows: 1_000_000))
    }
    if all || requested.contains("commands") {
        report("commands (median of 25)", CommandBench.run())
    }
    if all || requested.contains("notebook") {
        report("notebook replay", try NotebookReplayBench.run())
    }
    if all || requested.contains("startup") {
        report("startup (median of 15)", StartupBench.run())
    }
    print(String(format: "\npeak resident memory: %.0f MB", peakResidentMegabytes()))
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
