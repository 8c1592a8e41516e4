import Foundation
import SurvResults
import SurvSession

/// A cell after replay: what its commands print now, against what the notebook recorded.
public struct CellOutcome: Equatable, Sendable {
    public static func == (a: CellOutcome, b: CellOutcome) -> Bool {
        a.cell == b.cell && a.actual == b.actual && a.failed == b.failed
            && a.results.map(\.report) == b.results.map(\.report) && a.results.map(\.presentation) == b.results.map(\.presentation)
    }

    public var cell: NotebookCell
    public var actual: String
    /// Whether any of the cell's commands ended in an error.
    public var failed: Bool
    /// What each command produced, in order (an error is no result), with how it printed.
    public var results: [(report: Report, presentation: Presentation)] = []
    public var matches: Bool { actual == cell.output }
    /// An error in a cell not marked ```` ```output error ````: the replay fails on it even when the
    /// recorded output is that same error (an earlier `--update` may have recorded it).
    public var isUnexpectedError: Bool { failed && !cell.expectsError }
    /// A cell marked as an error that now runs cleanly.
    public var isMissingError: Bool { !failed && cell.expectsError }
    /// What the replay reports: a different output, an unexpected error or a missing one.
    public var isClean: Bool { matches && !isUnexpectedError && !isMissingError }
}

/// Everything a replay found, in the order it is reported.
public struct ReplayResult: Equatable, Sendable {
    /// The notebook as read; nil when the file could not be read as text.
    public var notebook: Notebook?
    /// Problems with the file's structure; when there are any, no cell was run.
    public var problems: [NotebookProblem]
    /// Data files pinned in the front matter that are missing or changed (reported before any cell runs).
    public var dataProblems: [NotebookProblem]
    public var cells: [CellOutcome]
    /// Set when the replay stopped before the end: its cells and the notebooks they open replayed more
    /// than `NotebookFiles.maximumCellsReplayed` cells.
    public var stoppedEarly: NotebookProblem? = nil

    public var differing: [CellOutcome] { cells.filter { !$0.matches } }
    /// Cells that differ, print an error they are not marked to expect, or no longer print the one they are.
    public var failing: [CellOutcome] { cells.filter { !$0.isClean } }
    /// True when the file is well formed, its data unchanged, every output as recorded and every error expected.
    public var isClean: Bool { problems.isEmpty && dataProblems.isEmpty && failing.isEmpty && stoppedEarly == nil }
}

/// Replays notebooks: every cell in a fresh session, top to bottom, each output compared with the
/// recorded one. The session is confined to the notebook's folder, since a notebook may come from anyone.
public struct NotebookReplayer {
    public var survVersion: String

    public init(survVersion: String) {
        self.survVersion = survVersion
    }

    /// Reads, checks and replays the notebook at `url`. All cells run even after a difference, so every
    /// difference is reported at once.
    public func replay(_ url: URL) -> ReplayResult {
        let source: NotebookSource
        do {
            source = try NotebookSource.read(url)
        } catch {
            return ReplayResult(notebook: nil, problems: [error], dataProblems: [], cells: [])
        }
        var (notebook, problems) = NotebookParser.parse(source)
        if problems.isEmpty && notebook.cells.isEmpty {
            // Not a notebook surv wrote (an HTML page, a file whose lines did not split): passing it as
            // "0 cells, all as recorded" would vouch for nothing.
            problems.append(NotebookProblem(line: nil, "the file has no surv cells (a ```surv block followed by an ```output block)",
                                            hint: "is this a surv notebook? docs/notebooks.md describes the format"))
        }
        guard problems.isEmpty else {
            return ReplayResult(notebook: notebook, problems: problems, dataProblems: [], cells: [])
        }
        let folder = url.deletingLastPathComponent()
        let dataProblems = DataFiles.check(notebook.frontMatter, folder: folder)
        let session = makeSession(for: url)
        var cells: [CellOutcome] = []
        var stopped: NotebookProblem?
        for cell in notebook.cells {
            guard (session.notebookFiles as? NotebookFiles)?.admitReplayedCell() ?? true else {
                stopped = NotebookProblem(line: cell.line, "the replay stopped here: with the notebooks its cells open, it replayed "
                                          + "\(NotebookFiles.maximumCellsReplayed) cells, the most one replay runs",
                                          hint: "open fewer notebooks from inside notebooks, or split the notebook")
                break
            }
            cells.append(Self.run(cell, in: session))
        }
        return ReplayResult(notebook: notebook, problems: [], dataProblems: dataProblems, cells: cells, stoppedEarly: stopped)
    }

    /// A fresh session for replaying the notebook at `url`: paths resolve against its folder, files
    /// outside the folder are refused, and no command writes a file.
    public func makeSession(for url: URL) -> Session {
        let folder = url.deletingLastPathComponent()
        let session = Session(baseDirectory: folder, fileAccess: .confined(to: folder))
        session.notebookFiles = NotebookFiles(survVersion: survVersion, replaying: url)
        session.figureFiles = SVGFigureFiles()
        return session
    }

    /// Runs a cell's command lines in `session`. Each command's output is what the session records for
    /// it; outputs of several commands are separated by a blank line, as the REPL prints them.
    public static func run(_ cell: NotebookCell, in session: Session) -> CellOutcome {
        var outputs: [String] = []
        var failed = false
        var results: [(report: Report, presentation: Presentation)] = []
        for command in cell.commands {
            for outcome in session.runAndRender(line: command.text, lineNumber: command.line) {
                outputs.append(outcome.text)
                failed = failed || outcome.failed
                if let report = outcome.report { results.append((report, outcome.presentation)) }
            }
        }
        return CellOutcome(cell: cell, actual: outputs.joined(separator: "\n\n"), failed: failed, results: results)
    }
}
