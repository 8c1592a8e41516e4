import Foundation
import SurvLanguage
import SurvResults

/// `save`, `open` and `recover`: the session checks the path against its file-access policy, then hands
/// the work to its `NotebookFileHandler` (see there for why the format does not live here).
extension Session {
    func save(_ path: String) throws(Diagnostic) -> Report {
        if let skipped = notRunWhileReplaying("save", path) { return skipped }
        let url = try fileAccess.resolveForWriting(path, relativeTo: baseDirectory)
        return try requireNotebookFiles().save(self, to: url, path: path)
    }

    func open(_ path: String) throws(Diagnostic) -> Report {
        let (bytes, url) = try fileAccess.read(path, relativeTo: baseDirectory, limit: FileAccessPolicy.maximumNotebookBytes)
        return try requireNotebookFiles().open(url, contents: bytes, path: path, into: self)
    }

    func recover(_ path: String) throws(Diagnostic) -> Report {
        if let skipped = notRunWhileReplaying("recover", path) { return skipped }
        let url = try fileAccess.resolveForWriting(path, relativeTo: baseDirectory)
        return try requireNotebookFiles().recover(to: url, path: path, into: self)
    }

    /// A replayed notebook writes no files. Its commands that would are reported as not run — the same
    /// text every time, so the cell's output still compares — rather than failing the replay.
    func notRunWhileReplaying(_ command: String, _ path: String) -> Report? {
        guard !fileAccess.allowsWriting else { return nil }
        return .message("not run: \(command) \"\(path)\" (a notebook being replayed writes no files)")
    }

    private func requireNotebookFiles() throws(Diagnostic) -> any NotebookFileHandler {
        guard let notebookFiles else {
            throw Diagnostic("notebook files are not available in this session", hint: "use the surv command-line tool")
        }
        return notebookFiles
    }

    /// Adds Markdown prose verbatim to the transcript (prose of a notebook opened into the session).
    public func recordMarkdown(_ markdown: String) {
        transcript.append(.markdown(markdown))
    }
}
