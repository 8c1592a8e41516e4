import SurvSession

/// Writes a session's transcript as notebook text: front matter, prose as typed, and each command with its
/// output as a cell. Outputs are stored exactly as printed, so a replay can compare them character for
/// character.
public enum NotebookWriter {
    public static func render(frontMatter: FrontMatter, transcript: [TranscriptEntry]) -> String {
        var parts: [String] = [frontMatter.rendered]
        for entry in transcript {
            switch entry {
            case .prose(let typed):
                parts.append(proseText(typed))
            case .markdown(let markdown):
                let trimmed = markdown.trimmingBlankLines
                if !trimmed.isEmpty { parts.append(trimmed + "\n") }
            case .command(let source, let output):
                parts.append(cell(commands: source, output: CellText.text(output), failed: output.failed))
            }
        }
        return parts.joined(separator: "\n")
    }

    /// A typed `# text` line: the first `#` marks prose, the rest is Markdown (so `## Results` is a heading).
    static func proseText(_ typed: String) -> String {
        var text = Substring(typed.trimmingCharacters(in: .whitespaces))
        if text.first == "#" { text = text.dropFirst() }
        if text.first == " " { text = text.dropFirst() }
        // A line that would open a fenced block would swallow every cell after it (and, never closed, make
        // the notebook unreadable): escape its first character, which Markdown then shows as typed.
        if Fence(opening: String(text)) != nil { return "\\" + text + "\n" }
        return String(text) + "\n"
    }

    /// The word after `output` that marks a cell whose output is an error.
    static let errorMark = "error"

    /// A cell's two fenced blocks. The fences are longer than any backtick run starting a line inside,
    /// so no output can close its block early. A command that failed at the prompt is marked as an
    /// error cell: the person saw the error, and a replay then expects it.
    public static func cell(commands: String, output: String, failed: Bool = false) -> String {
        fenced(commands, info: "surv") + "\n" + outputBlock(output, failed: failed)
    }

    static func outputBlock(_ output: String, failed: Bool) -> String {
        fenced(output, info: failed ? "output " + errorMark : "output")
    }

    static func fenced(_ body: String, info: String) -> String {
        let longest = body.split(separator: "\n" as Character, omittingEmptySubsequences: false).map { (line: Substring) -> Int in
            line.drop { $0 == " " }.prefix { $0 == "`" }.count
        }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + info + "\n" + body + "\n" + fence + "\n"
    }
}

extension String {
    /// Without blank lines at either end (inner blank lines and indentation kept).
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
