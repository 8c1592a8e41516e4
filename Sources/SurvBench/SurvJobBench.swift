import Foundation

/// The whole job as a user runs it: the `surv` executable on a script over the 1,000,000 × 12 CSV
/// (`write-csv`), each step timed cumulatively by running ever longer scripts in fresh processes, with
/// the peak memory of the full job; then the same job in lifelines and pandas (`lifelines_job.py`) on
/// the same file, so that both are measured in one sitting on the same machine.
enum SurvJobBench {
    /// The script's steps; step k is timed by running steps 1...k.
    static func steps(csv: String) -> [(label: String, lines: [String])] {
        [
            ("load", ["load \"\(csv)\""]),
            ("+ endpoint, stratify by arm", ["endpoint time, event", "stratify by arm"]),
            ("+ km", ["km"]),
            ("+ logrank", ["logrank"]),
            ("+ stratify none, cox (10 terms)", ["stratify none", "cox age + arm + sex + x1 + x2 + x3 + x4 + x5 + x6"]),
        ]
    }

    /// `python` runs the comparison when it can import lifelines and pandas; otherwise it is skipped.
    static func run(csv: String, repeats: Int, python: String) throws {
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let surv = binDirectory.appendingPathComponent("surv").path
        guard FileManager.default.isExecutableFile(atPath: surv) else {
            throw BenchFailure("build the surv product in the same configuration first (\(surv))")
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-job-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output.txt").path

        let steps = steps(csv: csv)
        var survSeconds: [Double] = []
        var survPeaks: [Double] = []
        var survFull: [ChildRun] = []
        for count in 1...steps.count {
            let script = folder.appendingPathComponent("job\(count).surv")
            try Data(steps.prefix(count).flatMap(\.lines).map { $0 + "\n" }.joined().utf8).write(to: script)
            var runs: [ChildRun] = []
            for _ in 0..<repeats {
                let run = try ChildProcess.run(surv, ["run", script.path], standardOutput: output)
                guard run.exitStatus == 0 else {
                    let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                    throw BenchFailure("surv run failed on step \(count) (status \(run.exitStatus.map(String.init) ?? "signal")):\n\(printed)")
                }
                runs.append(run)
            }
            survSeconds.append(median(runs.map(\.wallSeconds)))
            survPeaks.append(runs.map(\.peakResidentMegabytes).max() ?? .nan)
            if count == steps.count { survFull = runs }
        }

        let lifelines = try runLifelines(python: python, csv: csv, output: output)
        let fileMegabytes = Double((try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0) / 1_048_576
        print("\nwhole job through `surv run` on \(csv) (\(Int(fileMegabytes.rounded())) MB), cumulative wall time from process start")
        print("surv: \(repeats == 1 ? "one run" : "median of \(repeats) runs") per step; lifelines: one run of lifelines_job.py, \(lifelines?.versions ?? "not run")")
        let header = ["step (cumulative)", "surv", "surv peak memory", "lifelines", "lifelines ÷ surv"]
        var rows: [[String]] = []
        for (index, step) in steps.enumerated() {
            let other = lifelines?.seconds[safe: index]
            rows.append([step.label, format(survSeconds[index]), String(format: "%.0f MB", survPeaks[index]), other.map(format) ?? "—",
                         other.map { String(format: "%.1f×", $0 / survSeconds[index]) } ?? "—"])
        }
        let survPeak = survFull.map(\.peakResidentMegabytes).max() ?? .nan
        rows.append(["peak resident memory, whole job", String(format: "%.0f MB", survPeak), "",
                     lifelines.map { String(format: "%.0f MB", $0.run.peakResidentMegabytes) } ?? "—", ""])
        rows.append(["CPU time (user + system), whole job", format(median(survFull.map(\.cpuSeconds))), "",
                     lifelines.map { format($0.run.cpuSeconds) } ?? "—", ""])
        printTable(header, rows)
        if let lifelines, lifelines.problem == nil {
            print(String(format: "lifelines' cox step includes %.2f s for the concordance, which surv prints with every model", lifelines.concordanceSeconds))
        }
        if let problem = lifelines?.problem ?? (lifelines == nil ? "no Python with lifelines and pandas (\(python)); `make bench-python` makes one" : nil) {
            print("lifelines: \(problem)")
        }
    }

    private struct LifelinesResult {
        var seconds: [Double]
        /// Of the Cox step, the part lifelines spends on the concordance (surv prints it with every model).
        var concordanceSeconds: Double
        var run: ChildRun
        var versions: String
        var problem: String?
    }

    private static func runLifelines(python: String, csv: String, output: String) throws -> LifelinesResult? {
        let probe = try? ChildProcess.run(python, ["-c", "import lifelines, pandas; print('lifelines', lifelines.__version__, '/ pandas', pandas.__version__)"],
                                          standardOutput: output)
        guard probe?.exitStatus == 0 else { return nil }
        let versions = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("lifelines_job.py").path
        let run = try ChildProcess.run(python, [script, csv, "--time", "time", "--event", "event", "--strata", "arm",
                                                "--covariates", "age,arm,sex,x1,x2,x3,x4,x5,x6"], standardOutput: output)
        let lines = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        var seconds: [String: Double] = [:]
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let step = object["step"] as? String, let value = object["seconds"] as? Double else { continue }
            seconds[step] = value
        }
        let names = ["load", "endpoint, stratify", "km", "logrank", "cox"]
        let cumulative = names.map { seconds[$0] ?? .nan }
        let problem = run.exitStatus == 0 && !cumulative.contains(where: \.isNaN) ? nil
            : "lifelines_job.py failed (status \(run.exitStatus.map(String.init) ?? "signal"))"
        return LifelinesResult(seconds: cumulative, concordanceSeconds: (seconds["cox"] ?? .nan) - (seconds["cox without concordance"] ?? .nan),
                               run: run, versions: versions, problem: problem)
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private static func format(_ seconds: Double) -> String {
        seconds.isNaN ? "—" : String(format: "%.2f s", seconds)
    }

    private static func printTable(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            print("  " + cells.joined(separator: "  "))
        }
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
