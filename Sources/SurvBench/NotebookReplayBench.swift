import Foundation
import SurvNotebook

/// Times `surv replay` on a 50-cell notebook over the bundled lung data: every kind of analysis command,
/// repeated with different settings. The notebook is written and its outputs filled in once, outside
/// the timing; the replay (read, parse, hash check, fresh session, 50 cells, compare) is then timed.
enum NotebookReplayBench {
    /// Fifty cells, one command each.
    static let commands: [String] = {
        var commands = ["load lung", "endpoint time, status", "describe", "describe age, sex, ph.ecog", "tab sex",
                        "tab ph.ecog by sex", "fisher sex by ph.ecog", "let female = if(sex == 2, 1, 0)",
                        "let age_group = cut(age, 50, 60, 70)", "tab age_group"]
        for (index, strata) in ["sex", "ph.ecog", "age_group", "female"].enumerated() {
            commands += ["stratify by \(strata)", "km", "km at 180, 365, 730", "logrank", "followup"]
            if index == 1 { commands.append("logrank trend") }
        }
        commands += ["stratify none", "km table", "cox age + female + ph.ecog", "phtest", "cox age + female + ph.karno",
                     "phtest", "cox age + strata(female)", "set profile stata", "cox age + female + ph.ecog", "phtest",
                     "set profile r", "where age >= 60", "km at 365", "followup", "cox female + ph.ecog", "where all",
                     "show", "help km", "set ci plain"]
        return Array(commands.prefix(50))
    }()

    static func notebookText() -> String {
        "---\ntitle: \"Replay benchmark\"\n---\n\n" + commands.map { "```surv\n\($0)\n```\n\n```output\n```\n" }.joined(separator: "\n")
    }

    static func run(survVersion: String = "bench", repeats: Int = 5) throws -> [(name: String, seconds: Double)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-notebook-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bench.surv.md")
        try Data(notebookText().utf8).write(to: url)
        let replayer = NotebookReplayer(survVersion: survVersion)
        let summary = try NotebookUpdater.update(url, replayer: replayer)
        guard summary.failingCells.isEmpty else {
            throw NotebookProblem(line: summary.failingCells.first, "a benchmark cell prints an error")
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = replayer.replay(url)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard result.isClean, result.cells.count == commands.count else {
                throw NotebookProblem(line: nil, "the benchmark notebook did not replay clean")
            }
            best = min(best, seconds)
        }
        return [(name: "replay a \(commands.count)-cell notebook on lung (best of \(repeats))", seconds: best)]
    }
}
