import Foundation
import SurvSession

/// `surv replay --update`: rewrites a notebook's output blocks with what the cells print now, and the data
/// hashes in its front matter. Every other line — prose, commands, fences of cells that did not change —
/// is copied byte for byte, and a malformed notebook is never rewritten.
public enum NotebookUpdater {
    public struct Summary: Equatable, Sendable {
        public var updatedCells: [Int]
        public var dataChanged: Bool
        /// Whether the file was written (nothing is written when nothing changed).
        public var written: Bool
        /// Lines of cells that print an error their output block is not marked to expect (a command that
        /// used to work now fails): the notebook is written, but its next replay fails on them.
        public var failingCells: [Int]
    }

    /// Replays the notebook at `url` and rewrites it in place (atomically) if anything changed.
    public static func update(_ url: URL, replayer: NotebookReplayer) throws(NotebookProblem) -> Summary {
        let result = replayer.replay(url)
        if let first = result.problems.first {
            let more = result.problems.count > 1 ? " (and \(result.problems.count - 1) more)" : ""
            throw NotebookProblem(line: first.line, first.message + more + "; the notebook was not changed",
                                  hint: first.hint ?? "fix the notebook by hand first: --update only rewrites output blocks")
        }
        guard let notebook = result.notebook else { throw NotebookProblem(line: nil, "the notebook could not be read") }
        let folder = url.deletingLastPathComponent()
        let (records, _) = DataFiles.records(for: notebook.loadedFiles, in: folder, policy: .confined(to: folder))
        let recorded = notebook.frontMatter?.dataFiles.map { DataFileRecord(path: $0.path, sha256: $0.sha256) } ?? []
        let dataChanged = records != recorded
        let updated = result.cells.filter(needsRewrite)
        let summary = Summary(updatedCells: updated.map(\.cell.line), dataChanged: dataChanged,
                              written: dataChanged || !updated.isEmpty,
                              failingCells: result.cells.filter(\.isUnexpectedError).map(\.cell.line))
        guard summary.written else { return summary }
        let text = updatedText(notebook, outcomes: result.cells, dataFiles: dataChanged ? records : nil, survVersion: replayer.survVersion)
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw NotebookProblem(line: nil, "cannot write the notebook: \(error.reason)")
        }
        return summary
    }

    /// The notebook's text with the differing outputs replaced; `dataFiles` (when not nil) replaces the
    /// front matter's data list, and then the surv version too.
    public static func updatedText(_ notebook: Notebook, outcomes: [CellOutcome], dataFiles: [DataFileRecord]?, survVersion: String) -> String {
        let lines = notebook.source.lines
        var replacements: [Int: (end: Int, text: String)] = [:]
        for outcome in outcomes where needsRewrite(outcome) {
            let fences = outcome.cell.outputFences
            let ending = lines[fences.lowerBound].ending.isEmpty ? "\n" : lines[fences.lowerBound].ending
            let body = outcome.actual.split(separator: "\n", omittingEmptySubsequences: false)
            // The error mark is the author's: kept while the cell still fails, dropped once it does not,
            // and never added here (an error that --update records must still fail the next replay).
            let marked = outcome.cell.expectsError && outcome.failed
            let text: String
            if let fence = Fence(opening: lines[fences.lowerBound].text), !body.contains(where: { fence.closes(String($0)) }),
               marked == outcome.cell.expectsError {
                // The block's own fences still hold the new output: keep them as they were.
                text = lines[fences.lowerBound].text + ending + body.map { $0 + ending }.joined()
                    + lines[fences.upperBound].text + lines[fences.upperBound].ending
            } else {
                let block = NotebookWriter.outputBlock(outcome.actual, failed: marked)
                text = block.replacingOccurrences(of: "\n", with: ending).dropLastEnding(ending) + lines[fences.upperBound].ending
            }
            replacements[fences.lowerBound] = (fences.upperBound, text)
        }
        var out = notebook.source.hasByteOrderMark ? "\u{FEFF}" : ""
        var index = 0
        if let dataFiles {
            var matter = notebook.frontMatter ?? FrontMatter()
            matter.dataFiles = dataFiles
            matter.survVersion = survVersion
            let ending = lines.first?.ending.isEmpty == false ? lines[0].ending : "\n"
            out += matter.rendered.replacingOccurrences(of: "\n", with: ending)
            if let range = notebook.frontMatterLines {
                index = range.upperBound + 1
            } else {
                out += ending
            }
        }
        while index < lines.count {
            if let replacement = replacements[index] {
                out += replacement.text
                index = replacement.end + 1
            } else {
                out += lines[index].text + lines[index].ending
                index += 1
            }
        }
        return out
    }
}

/// A cell whose output block changes: its output differs, or it is marked as an error it no longer prints.
private func needsRewrite(_ outcome: CellOutcome) -> Bool {
    !outcome.matches || outcome.isMissingError
}

private extension String {
    func dropLastEnding(_ ending: String) -> String {
        hasSuffix(ending) ? String(dropLast(ending.count)) : self
    }
}
