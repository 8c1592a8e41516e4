import Foundation
import SurvLanguage
import SurvRender

/// Saving the transcript as a Markdown notebook: prose as typed, each command in a `surv` block followed
/// by its output in an `output` block.
extension Session {
    func save(_ path: String) throws(Diagnostic) -> Report {
        let url = try fileAccess.resolve(path, relativeTo: baseDirectory, writing: true)
        let text = NotebookText.render(title: title, transcript: transcript)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw Diagnostic("cannot write '\(path)': \(error.localizedDescription)")
        }
        let cells = transcript.filter { if case .command = $0 { return true } else { return false } }.count
        return .message("saved \(cells) cell\(cells == 1 ? "" : "s") to \(path)")
    }
}

/// The Markdown text of a notebook.
public enum NotebookText {
    public static func render(title: String?, transcript: [TranscriptEntry]) -> String {
        var out = ""
        if let title { out += "# \(title)\n\n" }
        for entry in transcript {
            switch entry {
            case .prose(let line):
                var text = line.trimmingCharacters(in: .whitespaces)
                text.removeFirst()
                out += text.trimmingCharacters(in: .whitespaces) + "\n\n"
            case .command(let source, let output):
                out += "```surv\n\(source)\n```\n\n```output\n\(output)\n```\n\n"
            }
        }
        return out
    }
}
