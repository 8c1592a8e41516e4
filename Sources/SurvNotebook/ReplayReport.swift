/// A replay's findings as the command line prints them: problems with their lines, each differing cell
/// with a unified diff of expected against actual output, then a one-line summary.
public enum ReplayReport {
    public static func text(_ result: ReplayResult, file: String) -> String {
        var out: [String] = result.problems.map { $0.formatted(file: file) }
        out += result.dataProblems.map { $0.formatted(file: file) }
        for outcome in result.differing {
            let cell = outcome.cell
            let what = outcome.failed && !cell.output.hasPrefix("error:") ? "the cell's command now fails" : "the cell's output differs"
            out.append("\(file):\(cell.line): error: \(what)")
            out.append(UnifiedDiff.render(expected: cell.output, actual: outcome.actual,
                                          expectedLabel: "\(file):\(cell.outputLine) (recorded output)",
                                          actualLabel: "replayed output", expectedStart: cell.outputLine))
        }
        out.append(summary(result, file: file))
        return out.joined(separator: "\n")
    }

    public static func summary(_ result: ReplayResult, file: String) -> String {
        if !result.problems.isEmpty {
            let n = result.problems.count
            return "\(file): not replayed: \(n) problem\(n == 1 ? "" : "s") with the notebook itself"
        }
        let n = result.cells.count
        let differing = result.differing.count
        var text = "\(file): \(n) cell\(n == 1 ? "" : "s") replayed, "
        text += differing == 0 ? "all outputs as recorded" : "\(differing) differ\(differing == 1 ? "s" : "")"
        if !result.dataProblems.isEmpty {
            text += "; \(result.dataProblems.count) data file problem\(result.dataProblems.count == 1 ? "" : "s")"
        }
        return text
    }
}
