import SurvCore
import SurvLanguage
import SurvRender
import SurvResults
import SurvSession

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
    /// Runs a line and draws each command's outcome as soon as it has run, with the `set digits` in force
    /// then (a later command on the same line cannot change how an earlier one prints).
    /// `file` prefixes error locations as `FILE:LINE:COL` (scripts); the transcript never holds it.
    public func runAndRender(line text: String, lineNumber: Int = 1, file: String? = nil,
                             shouldContinue: () -> Bool = { true }) -> [RenderedOutcome] {
        var rendered: [RenderedOutcome] = []
        _ = run(line: text, lineNumber: lineNumber, shouldContinue: shouldContinue,
                afterEach: { rendered.append(Self.render($0, digits: self.settings.digits, file: file)) })
        return rendered
    }

    private static func render(_ outcome: CommandOutcome, digits: Int, file: String?) -> RenderedOutcome {
        switch outcome.result {
        case .success(let report):
            return RenderedOutcome(source: outcome.source, line: outcome.line, text: CellText.result(report, digits: digits),
                                   json: JSONRenderer.line(command: outcome.source, line: outcome.line, report: report), failed: false)
        case .failure(let diagnostic):
            let shown = TerminalText.escapingControls(diagnostic.formatted(source: outcome.lineText, file: file, line: outcome.line))
            return RenderedOutcome(source: outcome.source, line: outcome.line, text: shown,
                                   json: JSONRenderer.errorLine(command: outcome.source, line: outcome.line,
                                                                column: diagnostic.range.map { $0.start + 1 },
                                                                message: diagnostic.message, hint: diagnostic.hint),
                                   failed: true)
        }
    }
}

/// The text of a notebook cell's output, drawn from the value the transcript keeps.
enum CellText {
    /// Outputs carry strings from files; escaped here, a notebook never stores a raw control character
    /// (one would be a line break, or a terminal command, when the notebook is read or shown).
    static func result(_ report: Report, digits: Int) -> String {
        TerminalText.escapingControls(TextRenderer(digits: digits).render(report))
    }

    static func text(_ output: CellOutput) -> String {
        switch output {
        case .result(let report, let digits): return result(report, digits: digits)
        case .error(let diagnostic, let source): return TerminalText.escapingControls(diagnostic.formatted(source: source))
        case .drawn(let text, _): return text
        }
    }
}
