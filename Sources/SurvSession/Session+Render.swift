import SurvCore
import SurvLanguage
import SurvRender

/// A command's outcome drawn as text and as a JSON line.
public struct RenderedOutcome: Sendable {
    public var source: String
    public var line: Int
    /// What the REPL prints and the notebook stores (errors formatted with the source and a caret).
    public var text: String
    /// The same outcome as one JSON Lines object.
    public var json: String
    public var failed: Bool
}

extension Session {
    /// Runs a line, renders each command's outcome and records it in the transcript.
    /// `file` prefixes error locations as `FILE:LINE:COL` (scripts); the transcript never holds it.
    public func runAndRender(line text: String, lineNumber: Int = 1, file: String? = nil,
                             shouldContinue: () -> Bool = { true }) -> [RenderedOutcome] {
        var rendered: [RenderedOutcome] = []
        _ = run(line: text, lineNumber: lineNumber, shouldContinue: shouldContinue, afterEach: { rendered.append(render($0, file: file)) })
        return rendered
    }

    private func render(_ outcome: CommandOutcome, file: String?) -> RenderedOutcome {
        switch outcome.result {
        case .success(let report):
            // Outputs carry strings from files; escaped here, a notebook never stores a raw control character
            // (one would be a line break, or a terminal command, when the notebook is read or shown).
            let rendered = TerminalText.escapingControls(TextRenderer(digits: outcome.digits).render(report))
            if outcome.belongsInTranscript { record(source: outcome.source, output: rendered) }
            return RenderedOutcome(source: outcome.source, line: outcome.line, text: rendered,
                                   json: JSONRenderer.line(command: outcome.source, line: outcome.line, report: report), failed: false)
        case .failure(let diagnostic):
            let shown = TerminalText.escapingControls(diagnostic.formatted(source: outcome.lineText, file: file, line: outcome.line))
            // A command stopped by Ctrl-C changed nothing and was not the user's result: it is no cell.
            if outcome.belongsInTranscript && !Interruption.isRequested() {
                record(source: outcome.source,
                       output: TerminalText.escapingControls(diagnostic.shifted(by: outcome.column).formatted(source: outcome.source)),
                       failed: true)
            }
            return RenderedOutcome(source: outcome.source, line: outcome.line, text: shown,
                                   json: JSONRenderer.errorLine(command: outcome.source, line: outcome.line,
                                                                column: diagnostic.range.map { $0.start + 1 },
                                                                message: diagnostic.message, hint: diagnostic.hint),
                                   failed: true)
        }
    }
}

extension Diagnostic {
    /// The diagnostic with its range moved `offset` characters left. A notebook cell holds one command of
    /// a `;`-separated line, so its stored error is drawn against that command alone: replaying the cell
    /// then prints exactly the same text.
    func shifted(by offset: Int) -> Diagnostic {
        guard offset > 0, let range else { return self }
        var moved = self
        moved.range = SourceRange(start: max(0, range.start - offset), end: max(0, range.end - offset), line: range.line)
        return moved
    }
}
