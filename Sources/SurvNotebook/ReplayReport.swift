/// A replay's findings as the command line prints them: problems with their lines, each differing cell
/// with a unified diff of expected against actual output, then a one-line summary.
public enum ReplayReport {
    public static func text(_ result: ReplayResult, file: String) -> String {
        var out: [String] = result.problems.map { $0.formatted(file: file) }
        out += result.dataProblems.map { $0.formatted(file: file) }
        for outcome in result.failing {
            let cell = outcome.cell
            if outcome.isUnexpectedError {
                out.append("\(file):\(cell.line): error: the cell prints an error, and its output block is not marked as expecting one")
                if outcome.matches {
                    out.append("note: the recorded output is that error; mark the block ```output error if the error is meant to be shown")
                }
            } else if outcome.isMissingError {
                out.append("\(file):\(cell.line): error: the cell's output block is marked as an error, but the cell now runs without one")
            } else {
                out.append("\(file):\(cell.line): error: the cell's output differs")
            }
            if !outcome.matches {
                out.append(UnifiedDiff.render(expected: cell.output, actual: outcome.actual,
                                              expectedLabel: "\(file):\(cell.outputLine) (recorded output)",
                                              actualLabel: "replayed output", expectedStart: cell.outputLine))
            }
        }
        if let stopped = result.stoppedEarly { out.append(stopped.formatted(file: file)) }
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
        let unexpected = result.cells.filter { $0.matches && $0.isUnexpectedError }.count
        let missing = result.cells.filter { $0.isMissingError && $0.matches }.count
        var text = "\(file): \(n) cell\(n == 1 ? "" : "s") replayed, "
        text += differing == 0 ? "all outputs as recorded" : "\(differing) differ\(differing == 1 ? "s" : "")"
        if unexpected > 0 { text += "; \(unexpected) print\(unexpected == 1 ? "s" : "") an error not marked as expected" }
        if missing > 0 { text += "; \(missing) marked as an error no longer print\(missing == 1 ? "s" : "") one" }
        if !result.dataProblems.isEmpty {
            text += "; \(result.dataProblems.count) data file problem\(result.dataProblems.count == 1 ? "" : "s")"
        }
        return text
    }
}
