import Foundation
import SurvLanguage
import SurvRender
import SurvSession

/// How `save`, `open` and `recover` work with notebook files: the session's `NotebookFileHandler`.
public final class NotebookFiles: NotebookFileHandler {
    public let survVersion: String
    /// Where each command is journaled (the REPL); told when the session is saved.
    public var journal: SessionJournal?
    /// The journal of a previous session that ended without saving, which `recover` restores.
    public var unsavedJournal: URL?
    /// Files `save` must not overwrite: a notebook being replayed, so its own cells cannot rewrite it.
    private var protected: Set<String>
    /// Notebooks being opened, innermost last, so a notebook that opens itself is refused.
    private var opening: [String] = []
    private static let maximumOpenDepth = 8

    public init(survVersion: String, protecting files: [URL] = [], journal: SessionJournal? = nil, unsavedJournal: URL? = nil) {
        self.survVersion = survVersion
        self.protected = Set(files.map(Self.key))
        self.journal = journal
        self.unsavedJournal = unsavedJournal
    }

    private static func key(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }

    // MARK: - save

    public func save(_ session: Session, to url: URL, path: String) throws(Diagnostic) -> Report {
        guard !protected.contains(Self.key(url)) else {
            throw Diagnostic("a notebook cannot overwrite itself while it is being replayed", hint: "save to another file name")
        }
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
            if case .command(let source, let output) = entry, !output.hasPrefix("error:") { return LoadedFiles.paths(in: source) }
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
            throw Diagnostic("cannot write '\(path)': \(NotebookSource.reason(error))")
        }
    }

    // MARK: - open

    public func open(_ url: URL, path: String, into session: Session) throws(Diagnostic) -> Report {
        let key = Self.key(url)
        guard !opening.contains(key) else { throw Diagnostic("'\(path)' opens itself (directly or through another notebook)") }
        guard opening.count < Self.maximumOpenDepth else { throw Diagnostic("notebooks are opened too deeply inside each other") }
        let source: NotebookSource
        do throws(NotebookProblem) {
            source = try NotebookSource.read(url)
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
        let saved = (session.baseDirectory, session.fileAccess)
        session.baseDirectory = folder
        session.fileAccess = .confined(to: folder)
        protected.insert(key)
        opening.append(key)
        defer {
            (session.baseDirectory, session.fileAccess) = saved
            opening.removeLast()
            if !opening.contains(key) { protected.remove(key) }
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
                if !NotebookReplayer.run(cell, in: session).matches { differing.append(cell.line) }
            }
        }
        // What the session holds now is in a notebook file already: nothing new to lose if it ends here.
        journal?.markSaved(session)
        let count = notebook.cells.count
        var lines = ["opened \(path): \(count) cell\(count == 1 ? "" : "s") replayed, "
            + (differing.isEmpty ? "all outputs as recorded"
                : "\(differing.count) differ\(differing.count == 1 ? "s" : "") from the notebook (line\(differing.count == 1 ? "" : "s") \(differing.map(String.init).joined(separator: ", ")))")]
        lines += dataProblems.map { "note: " + $0.formatted(file: path).replacingOccurrences(of: "error: ", with: "") }
        if !differing.isEmpty { lines.append("'surv replay \(path)' shows the differences") }
        return .message(lines.joined(separator: "\n"))
    }

    // MARK: - recover

    public func recover(to url: URL, path: String, into session: Session) throws(Diagnostic) -> Report {
        guard let unsavedJournal, FileManager.default.fileExists(atPath: unsavedJournal.path) else {
            throw Diagnostic("there is no unsaved session to recover", hint: "surv says so when it starts, if there is one")
        }
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Diagnostic("'\(path)' already exists; recover writes a new notebook", hint: "choose another file name")
        }
        let contents = SessionJournal.read(unsavedJournal)
        let (text, notes) = notebookText(title: contents.title, transcript: contents.transcript, session: session, notebookURL: url)
        try write(text, to: url, path: path)
        try? FileManager.default.removeItem(at: unsavedJournal)
        self.unsavedJournal = nil
        let commands = contents.transcript.filter { if case .command = $0 { return true } else { return false } }.count
        let opened = try open(url, path: path, into: session)
        var lines = ["recovered \(commands) command\(commands == 1 ? "" : "s") of the unsaved session into \(path)"] + notes
        if case .message(let text) = opened { lines.append(text) }
        return .message(lines.joined(separator: "\n"))
    }
}
