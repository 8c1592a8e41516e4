import Foundation
import SurvLanguage
import SurvRender
import SurvResults
import SurvSession

/// How `save`, `open` and `recover` work with notebook files: the session's `NotebookFileHandler`.
public final class NotebookFiles: NotebookFileHandler {
    public let survVersion: String
    /// Where each command is journaled (the REPL); told when the session is saved.
    public var journal: SessionJournal?
    /// Journals of previous sessions that ended without saving, most recent first: `recover` restores
    /// the first, a second `recover` the next.
    public var unsavedJournals: [SessionJournal.Unsaved]
    /// Notebooks being opened, innermost last, so a notebook that opens itself is refused.
    private var opening: [String] = []
    private static let maximumOpenDepth = 8
    /// Cells replayed since the outermost `open` began — or, in a session replaying a notebook, since the
    /// replay began, its own cells included. Depth alone does not bound the work: nine small notebooks
    /// each opening the next five times would replay 5^8 notebooks.
    private var cellsReplayed = 0
    public static let maximumCellsReplayed = 5_000
    /// The notebook a replay session replays: it is open from the start, so it cannot open itself, and its
    /// cells share the budget with every notebook it opens.
    private let replaying: String?

    public init(survVersion: String, journal: SessionJournal? = nil, unsavedJournals: [SessionJournal.Unsaved] = [],
                replaying notebook: URL? = nil) {
        self.survVersion = survVersion
        self.journal = journal
        self.unsavedJournals = unsavedJournals
        self.replaying = notebook.map(Self.key)
        if let replaying { opening = [replaying] }
    }

    /// Counts one cell of the notebook being replayed; false once the replay's budget is spent.
    public func admitReplayedCell() -> Bool {
        guard cellsReplayed < Self.maximumCellsReplayed else { return false }
        cellsReplayed += 1
        return true
    }

    private static func key(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }

    // MARK: - save

    public func save(_ session: Session, to url: URL, path: String) throws(Diagnostic) -> Report {
        let (text, notes) = notebookText(title: session.title, transcript: session.transcript, session: session, notebookURL: url)
        try write(text, to: url, path: path)
        journal?.markSaved(session)
        let cells = session.transcript.filter { if case .command = $0 { return true } else { return false } }.count
        return .message((["saved \(cells) cell\(cells == 1 ? "" : "s") to \(path)"] + notes).joined(separator: "\n"))
    }

    /// The notebook text for a transcript, with the loaded data files hashed, and notes about paths that
    /// will not resolve the same way when the notebook is replayed from its own folder.
    func notebookText(title: String?, transcript: [TranscriptEntry], session: Session, notebookURL: URL) -> (String, [String]) {
        var seen = Set<String>()
        let loaded = transcript.flatMap { entry -> [String] in
            if case .command(let source, let output) = entry, !output.failed { return LoadedFiles.paths(in: source) }
            return []
        }.filter { seen.insert($0).inserted }
        let (records, problems) = DataFiles.records(for: loaded, in: session.baseDirectory, policy: session.fileAccess)
        var notes = problems.map { "note: \($0)" }
        let folder = notebookURL.deletingLastPathComponent()
        for path in loaded {
            if path.hasPrefix("/") || path.hasPrefix("~") {
                notes.append("note: '\(path)' is not relative to the notebook; a replay reads only files in the notebook's folder")
            } else if Self.key(session.baseDirectory.appendingPathComponent(path)) != Self.key(folder.appendingPathComponent(path)) {
                notes.append("note: the notebook is not in the current folder, so '\(path)' will resolve against \(folder.lastPathComponent)/ when replayed")
            }
        }
        let matter = FrontMatter(title: title, survVersion: survVersion, dataFiles: records)
        return (NotebookWriter.render(frontMatter: matter, transcript: transcript), notes)
    }

    private func write(_ text: String, to url: URL, path: String) throws(Diagnostic) {
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw Diagnostic("cannot write '\(path)': \(error.reason)")
        }
    }

    // MARK: - open

    public func open(_ url: URL, contents: [UInt8], path: String, into session: Session) throws(Diagnostic) -> Report {
        let key = Self.key(url)
        guard !opening.contains(key) else { throw Diagnostic("'\(path)' opens itself (directly or through another notebook)") }
        guard opening.count < Self.maximumOpenDepth else { throw Diagnostic("notebooks are opened too deeply inside each other") }
        if opening.isEmpty && replaying == nil { cellsReplayed = 0 }
        guard cellsReplayed < Self.maximumCellsReplayed else { throw Self.tooManyCells }
        let source: NotebookSource
        do throws(NotebookProblem) {
            source = try NotebookSource(bytes: contents)
        } catch {
            throw Diagnostic(error.formatted(file: path).replacingOccurrences(of: "error: ", with: ""), hint: nil)
        }
        let (notebook, problems) = NotebookParser.parse(source)
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""))" : ""
            throw Diagnostic("\(path)" + (first.line.map { ":\($0)" } ?? "") + ": " + first.message + more,
                             hint: "'surv replay \(path)' lists every problem")
        }

        // The notebook's commands resolve paths against its own folder and may not leave it, as in a replay.
        let folder = url.deletingLastPathComponent()
        // Confinement also makes the opened cells read-only: a notebook from someone else cannot save the
        // user's session into its folder, recover it there, or overwrite anything.
        let saved = (session.baseDirectory, session.fileAccess)
        let typedBefore = !session.transcript.isEmpty
        session.baseDirectory = folder
        session.fileAccess = .confined(to: folder)
        opening.append(key)
        defer {
            (session.baseDirectory, session.fileAccess) = saved
            opening.removeLast()
        }

        if session.title == nil, let title = notebook.frontMatter?.title { session.title = title }
        let dataProblems = DataFiles.check(notebook.frontMatter, folder: folder)
        var differing: [Int] = []
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                let text = prose.markdown.trimmingBlankLines
                if !text.isEmpty { session.recordMarkdown(text) }
            case .cell(let cell):
                guard cellsReplayed < Self.maximumCellsReplayed else { throw Self.tooManyCells }
                cellsReplayed += 1
                if !NotebookReplayer.run(cell, in: session).isClean { differing.append(cell.line) }
            }
        }
        // When the session held nothing before, all it holds now is in a notebook file already: nothing
        // new to lose if it ends here. Commands typed before the `open` are still unsaved.
        if !typedBefore && opening.count == 1 && replaying == nil { journal?.markSaved(session) }
        let count = notebook.cells.count
        var lines = ["opened \(path): \(count) cell\(count == 1 ? "" : "s") replayed, "
            + (differing.isEmpty ? "all outputs as recorded"
                : "\(differing.count) differ\(differing.count == 1 ? "s" : "") from the notebook (line\(differing.count == 1 ? "" : "s") \(differing.map(String.init).joined(separator: ", ")))")]
        lines += dataProblems.map { "note: " + $0.formatted(file: path).replacingOccurrences(of: "error: ", with: "") }
        if !differing.isEmpty { lines.append("'surv replay \(path)' shows the differences") }
        return .message(lines.joined(separator: "\n"))
    }

    static var tooManyCells: Diagnostic {
        Diagnostic("notebooks opened inside each other replay more than \(maximumCellsReplayed) cells; the rest were not run",
                   hint: "open fewer notebooks from inside notebooks")
    }

    // MARK: - recover

    public func recover(to url: URL, path: String, into session: Session) throws(Diagnostic) -> Report {
        guard let unsaved = unsavedJournals.first else {
            throw Diagnostic("there is no unsaved session to recover", hint: "surv says so when it starts, if there is one")
        }
        guard !FilePath.exists(url.path) else {
            throw Diagnostic("'\(path)' already exists; recover writes a new notebook", hint: "choose another file name")
        }
        let contents = SessionJournal.read(unsaved.url)
        let (text, notes) = notebookText(title: contents.title, transcript: contents.transcript, session: session, notebookURL: url)
        try write(text, to: url, path: path)
        unsaved.discard()
        unsavedJournals.removeFirst()
        let commands = contents.transcript.filter { if case .command = $0 { return true } else { return false } }.count
        var lines = ["recovered \(commands) command\(commands == 1 ? "" : "s") of the unsaved session into \(path)"] + notes
        if contents.skipped > 0 {
            lines.append("note: \(contents.skipped) line\(contents.skipped == 1 ? "" : "s") of the journal could not have been written by surv and \(contents.skipped == 1 ? "was" : "were") left out")
        }
        // The notebook is written and the journal gone: whatever opening it says, the recovery itself stands.
        do throws(Diagnostic) {
            if case .message(let text) = try open(url, contents: Array(text.utf8), path: path, into: session) { lines.append(text) }
        } catch {
            lines.append("opening \(path) stopped: \(error.message)")
        }
        if let next = unsavedJournals.first {
            lines.append("another unsaved session (\(next.commands) command\(next.commands == 1 ? "" : "s")) remains; 'recover' again to restore it")
        }
        return .message(lines.joined(separator: "\n"))
    }
}
