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
    /// The result value drawn, for a caller that draws it again another way (an exported page).
    public var report: Report? = nil
    /// The presentation settings it was drawn with.
    public var presentation = Presentation()
    /// `text` in colour, for a terminal that asked for it: its strings from files escaped before it was
    /// drawn, its only control sequences colour codes (print it with `TerminalText.escapingAllButColours`).
    public var coloured: String? = nil
}

/// Where the text is going, for what only the caller knows: at the prompt figures take the terminal's
/// width and may be coloured; in scripts and notebooks they keep `set plot width`, so they replay.
public struct OutputTerminal: Sendable {
    public var width: Int?
    public var color: Bool
    public init(width: Int? = nil, color: Bool = false) {
        self.width = width
        self.color = color
    }
}

extension Session {
    /// Runs a line and draws each command's outcome as soon as it has run, with the presentation settings
    /// in force then (a later command on the same line cannot change how an earlier one prints).
    /// `file` prefixes error locations as `FILE:LINE:COL` (scripts); the transcript never holds it.
    public func runAndRender(line text: String, lineNumber: Int = 1, file: String? = nil, terminal: OutputTerminal = OutputTerminal(),
                             shouldContinue: () -> Bool = { true }) -> [RenderedOutcome] {
        var rendered: [RenderedOutcome] = []
        _ = run(line: text, lineNumber: lineNumber, shouldContinue: shouldContinue,
                afterEach: { rendered.append(Self.render($0, presentation: self.settings.presentation, terminal: terminal, file: file)) })
        return rendered
    }

    private static func render(_ outcome: CommandOutcome, presentation: Presentation, terminal: OutputTerminal, file: String?) -> RenderedOutcome {
        switch outcome.result {
        case .success(let report):
            let text = CellText.result(report, presentation, terminal: OutputTerminal(width: terminal.width))
            let coloured = terminal.color ? CellText.coloured(report, presentation, width: terminal.width) : nil
            // A check that does not hold fails its command, as an error does, though it prints as a result.
            return RenderedOutcome(source: outcome.source, line: outcome.line, text: text,
                                   json: JSONRenderer.line(command: outcome.source, line: outcome.line, report: report),
                                   failed: report.isFailedCheck, report: report, presentation: presentation, coloured: coloured)
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
    /// (one would be a line break, or a terminal command, when the notebook is read or shown). Colour
    /// codes are added after escaping, and only for a terminal that asked for them.
    static func result(_ report: Report, _ presentation: Presentation, terminal: OutputTerminal = OutputTerminal()) -> String {
        let style = TerminalFigureStyle(width: terminal.width ?? presentation.plotWidth, ascii: presentation.plotASCII,
                                        color: false, digits: presentation.digits)
        return TerminalText.escapingControls(TextRenderer(digits: presentation.digits, figures: style).render(report))
    }

    /// A figure in colour: its strings escaped first, so the only control sequences in it are the colour
    /// codes the drawing adds. Nil for anything that is not a figure.
    static func coloured(_ report: Report, _ presentation: Presentation, width: Int?) -> String? {
        guard case .figure = report else { return nil }
        let style = TerminalFigureStyle(width: width ?? presentation.plotWidth, ascii: presentation.plotASCII,
                                        color: true, digits: presentation.digits)
        return TextRenderer(digits: presentation.digits, figures: style).render(Self.escapedStrings(report))
    }

    /// A figure whose every string from the data (labels, titles) has its control characters escaped.
    static func escapedStrings(_ report: Report) -> Report {
        guard case .figure(var r) = report else { return report }
        let e = TerminalText.escapingControls
        func axis(_ a: FigureAxis) -> FigureAxis {
            var a = a
            a.label = e(a.label)
            a.tickLabels = a.tickLabels.map(e)
            return a
        }
        switch r.content {
        case .survival(var f):
            f.title = f.title.map(e)
            f.pValueText = f.pValueText.map(e)
            f.xAxis = axis(f.xAxis)
            f.yAxis = axis(f.yAxis)
            f.strata = f.strata.map { var s = $0; s.label = e(s.label); return s }
            r.content = .survival(f)
        case .forest(var f):
            f.title = f.title.map(e)
            f.note = f.note.map(e)
            f.rows = f.rows.map { var row = $0; row.term = e(row.term); return row }
            r.content = .forest(f)
        case .residuals(var f):
            f.title = f.title.map(e)
            f.xAxis = axis(f.xAxis)
            f.panels = f.panels.map { var p = $0; p.term = e(p.term); p.pValueText = p.pValueText.map(e); return p }
            r.content = .residuals(f)
        }
        r.path = r.path.map(e)
        r.model = r.model.map(e)
        return .figure(r)
    }

    static func text(_ output: CellOutput) -> String {
        switch output {
        case .result(let report, let presentation): return result(report, presentation)
        case .error(let diagnostic, let source): return TerminalText.escapingControls(diagnostic.formatted(source: source))
        case .drawn(let text, _): return text
        }
    }
}
