import Foundation
import SurvSession

/// A cell after replay: what its commands print now, against what the notebook recorded.
public struct CellOutcome: Equatable, Sendable {
    public var cell: NotebookCell
    public var actual: String
    /// Whether any of the cell's commands ended in an error.
    public var failed: Bool
    public var matches: Bool { actual == cell.output }
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

    public var differing: [CellOutcome] { cells.filter { !$0.matches } }
    /// True when the file is well formed, its data unchanged and every output as recorded.
    public var isClean: Bool { problems.isEmpty && dataProblems.isEmpty && differing.isEmpty }
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
        let (notebook, problems) = NotebookParser.parse(source)
        guard problems.isEmpty else {
            return ReplayResult(notebook: notebook, problems: problems, dataProblems: [], cells: [])
        }
        let folder = url.deletingLastPathComponent()
        let dataProblems = DataFiles.check(notebook.frontMatter, folder: folder)
        let session = makeSession(for: url)
        let cells = notebook.cells.map { Self.run($0, in: session) }
        return ReplayResult(notebook: notebook, problems: [], dataProblems: dataProblems, cells: cells)
    }

    /// A fresh session for replaying the notebook at `url`: paths resolve against its folder, files
    /// outside the folder are refused, and the notebook cannot overwrite itself.
    public func makeSession(for url: URL) -> Session {
        let folder = url.deletingLastPathComponent()
        let session = Session(baseDirectory: folder, fileAccess: .confined(to: folder))
        session.notebookFiles = NotebookFiles(survVersion: survVersion, protecting: [url])
        return session
    }

    /// Runs a cell's command lines in `session`. Each command's output is what the session records for
    /// it; outputs of several commands are separated by a blank line, as the REPL prints them.
    public static func run(_ cell: NotebookCell, in session: Session) -> CellOutcome {
        var outputs: [String] = []
        var failed = false
        for command in cell.commands {
            for outcome in session.runAndRender(line: command.text, lineNumber: command.line) {
                outputs.append(outcome.text)
                failed = failed || outcome.failed
            }
        }
        return CellOutcome(cell: cell, actual: outputs.joined(separator: "\n\n"), failed: failed)
    }
}
