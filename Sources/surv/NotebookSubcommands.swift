import ArgumentParser
import Foundation
import SurvNotebook
import SurvResults

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay notebooks in fresh sessions and compare every output with the recorded one.",
        discussion: """
        Exits with 1 when a notebook is malformed, a data file changed, or any output differs (all cells \
        still run, and every difference is shown as a unified diff). With --update, rewrites only the \
        output blocks and the data hashes instead; prose and commands are kept byte for byte. --update \
        refuses a malformed notebook and exits with 1 then, or when a cell prints an error its output block \
        is not marked to expect (```output error): --update records the error but never marks it.
        """)

    @Flag(name: .long, help: "Rewrite the output blocks (and data hashes) with the replayed outputs.")
    var update = false

    @Argument(help: "The notebooks (*.surv.md) to replay.")
    var notebooks: [String]

    func validate() throws {
        if notebooks.isEmpty { throw ValidationError("name at least one notebook") }
        for file in notebooks where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("no such notebook '\(file)'")
        }
    }

    func run() throws {
        let replayer = NotebookReplayer(survVersion: survVersion)
        var clean = true
        for file in notebooks {
            let url = URL(fileURLWithPath: file)
            if update {
                do throws(NotebookProblem) {
                    let summary = try NotebookUpdater.update(url, replayer: replayer)
                    StandardStreams.out(describe(summary, file: file) + "\n")
                    if !summary.failingCells.isEmpty { clean = false }
                } catch {
                    NotebookInput.printError(error.formatted(file: file))
                    clean = false
                }
            } else {
                let result = replayer.replay(url)
                let report = ReplayReport.text(result, file: file)
                if result.isClean { StandardStreams.out(report + "\n") } else { NotebookInput.printError(report) }
                clean = clean && result.isClean
            }
        }
        if !clean { throw ExitCode(1) }
    }

    /// Line numbers, the first ten of them: a notebook of thousands of cells gets a line, not a page.
    static func lineList(_ lines: [Int]) -> String {
        let shown = lines.prefix(10).map(String.init).joined(separator: ", ")
        return lines.count > 10 ? shown + " and \(lines.count - 10) more" : shown
    }

    private func describe(_ summary: NotebookUpdater.Summary, file: String) -> String {
        var parts: [String] = []
        if !summary.updatedCells.isEmpty {
            let n = summary.updatedCells.count
            parts.append("\(n) output\(n == 1 ? "" : "s") rewritten (line\(n == 1 ? "" : "s") \(Self.lineList(summary.updatedCells)))")
        }
        if summary.dataChanged { parts.append("data hashes rewritten") }
        var text = "\(file): " + (parts.isEmpty ? "up to date" : parts.joined(separator: "; "))
        if !summary.failingCells.isEmpty {
            text += "\nwarning: the cell\(summary.failingCells.count == 1 ? "" : "s") at line\(summary.failingCells.count == 1 ? "" : "s") \(Self.lineList(summary.failingCells)) print\(summary.failingCells.count == 1 ? "s" : "") an error its output block is not marked to expect; "
                + "the next replay fails on \(summary.failingCells.count == 1 ? "it" : "them") (mark a block ```output error if the error is meant to be shown)"
        }
        return text
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a notebook as a standalone HTML page (no network needed to view it).")

    @Argument(help: "The notebook (*.surv.md) to export.")
    var notebook: String

    @Option(name: .long, help: "The HTML file to write.")
    var html: String

    func validate() throws {
        if !FileManager.default.fileExists(atPath: notebook) { throw ValidationError("no such notebook '\(notebook)'") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: notebook)
        let parsed = try NotebookInput.read(url, file: notebook)
        var name = url.lastPathComponent
        for suffix in [".md", ".surv"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        // Replayed first (reading only, confined to the notebook's folder): a cell that still prints what it
        // records is drawn from its values, as tables and figures; any other is shown as recorded.
        let replay = NotebookReplayer(survVersion: survVersion).replay(url)
        let page = HTMLExporter.render(parsed, fallbackTitle: name, replay: replay)
        let drifted = replay.cells.filter { !$0.isClean }.count
        if !replay.problems.isEmpty || !replay.dataProblems.isEmpty || drifted > 0 {
            NotebookInput.printError("note: \(drifted > 0 ? Wording.count(drifted, "cell") + " no longer replay as recorded" : "the notebook does not replay cleanly"); "
                                     + "such cells are shown as recorded text (surv replay shows why)")
        }
        do throws(ExportedPage.Refusal) {
            try ExportedPage.write(Data(page.utf8), to: URL(fileURLWithPath: html), exporting: url)
        } catch {
            NotebookInput.printError("error: cannot write '\(html)': \(error)")
            throw ExitCode(1)
        }
    }
}
