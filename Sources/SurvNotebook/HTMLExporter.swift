import SurvRender
import SurvResults
import SurvSession

/// A notebook as one standalone HTML page: prose rendered from Markdown (`ProseMarkdown`), each cell as its
/// commands and its output in preformatted blocks, the stylesheet inline. The page loads nothing from anywhere:
/// its content-security policy forbids scripts and every outside resource, so a notebook from someone
/// else cannot make the page run code or call out when it is viewed.
public enum HTMLExporter {
    /// `fallbackTitle` names the page when the front matter has no title (the notebook's file name).
    /// With `replay`, each cell whose replay printed exactly what the notebook records is drawn from its
    /// result values — tables as tables, figures as SVG — with the recorded text one click away; any other
    /// cell is shown as recorded.
    public static func render(_ notebook: Notebook, fallbackTitle: String, replay: ReplayResult? = nil) -> String {
        var replayed: [Int: CellOutcome] = [:]
        if let replay, replay.problems.isEmpty {
            for outcome in replay.cells { replayed[outcome.cell.line] = outcome }
        }
        let title = notebook.frontMatter?.title ?? fallbackTitle
        var body: [String] = ["<header><h1>\(escape(title))</h1>"]
        if let version = notebook.frontMatter?.survVersion {
            body.append("<p class=\"meta\">written by surv \(escape(version))</p>")
        }
        if let files = notebook.frontMatter?.dataFiles, !files.isEmpty {
            body.append("<p class=\"meta\">data: " + files.map { "<code title=\"SHA-256 \(escape($0.sha256))\">\(escape($0.path))</code>" }.joined(separator: ", ") + "</p>")
        }
        body.append("</header>")
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                let markdown = prose.markdown.trimmingBlankLines
                if !markdown.isEmpty { body.append("<section class=\"prose\">\n\(ProseMarkdown.html(from: markdown))\n</section>") }
            case .cell(let cell):
                let commands = cell.commands.map(\.text).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                let commandsHTML = "<pre class=\"commands\"><code>" + commands.map { "<span class=\"prompt\">surv&gt; </span>" + escape($0) }.joined(separator: "\n") + "</code></pre>"
                let recorded = "<pre class=\"output\"><code>\(escape(cell.output))</code></pre>"
                if let outcome = replayed[cell.line], outcome.isClean, !outcome.failed, !outcome.results.isEmpty {
                    let fragments = Self.fragments(outcome.results)
                    body.append("""
                    <figure class="cell rich" id="line-\(cell.line)">
                    \(commandsHTML)
                    <div class="results">
                    \(fragments.joined(separator: "\n"))
                    </div>
                    <details class="as-text"><summary>as text</summary>\(recorded)</details>
                    </figure>
                    """)
                } else {
                    body.append("""
                    <figure class="\(cellClass(cell))" id="line-\(cell.line)">\(cellCaption(cell, differs: replayed[cell.line].map { !$0.matches } ?? false))
                    \(commandsHTML)
                    \(recorded)
                    </figure>
                    """)
                }
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="surv">
        <title>\(escape(title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    /// An error cell stands out: one marked ```output error shows an error on purpose; one that prints an
    /// error without the mark is a notebook that no longer replays (a reader should not take it for a result).
    static func cellClass(_ cell: NotebookCell) -> String {
        cell.expectsError ? "cell error expected" : (printsError(cell) ? "cell error" : "cell")
    }

    static func cellCaption(_ cell: NotebookCell, differs: Bool = false) -> String {
        if cell.expectsError { return "\n<figcaption>error, shown on purpose</figcaption>" }
        if printsError(cell) { return "\n<figcaption>error: this cell fails</figcaption>" }
        if differs { return "\n<figcaption class=\"drift\">shown as recorded: replayed now, this cell prints something else</figcaption>" }
        return ""
    }

    /// Each result as a fragment of the page, except that consecutive `expect` checks share one, a line each.
    static func fragments(_ results: [(report: Report, presentation: Presentation)]) -> [String] {
        var fragments: [String] = []
        var checks: [Report] = [], checkDigits = 3
        func flushChecks() {
            if !checks.isEmpty { fragments.append(HTMLRenderer.fragment(lines: checks, digits: checkDigits)) }
            checks = []
        }
        for (report, presentation) in results {
            if case .expect = report {
                if !checks.isEmpty && presentation.digits != checkDigits { flushChecks() }
                checks.append(report)
                checkDigits = presentation.digits
            } else {
                flushChecks()
                fragments.append(HTMLRenderer.fragment(report, digits: presentation.digits))
            }
        }
        flushChecks()
        return fragments
    }

    /// Whether a recorded output holds an error: each command's output starts after a blank line, and an
    /// error's with `error:`.
    static func printsError(_ cell: NotebookCell) -> Bool {
        cell.output.hasPrefix("error:") || cell.output.contains("\n\nerror:")
    }

    /// Text safe inside HTML elements and double-quoted attributes, control characters shown as escapes
    /// (a title or file name from a notebook is untrusted text): the renderer's escaping, so a page has one rule.
    static func escape(_ text: String) -> String {
        HTMLRenderer.escape(text)
    }

    static let stylesheet = """
    :root { color-scheme: light; --ink: #1d2430; --muted: #5c6675; --rule: #d9dee6; --code-bg: #f5f7fa; --accent: #2458a6; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #fff; color: var(--ink); font: 16px/1.55 -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    main { max-width: 54rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
    header { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; }
    h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .4rem; }
    h2 { font-size: 1.4rem; margin: 2rem 0 .6rem; }
    h3 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
    .meta { color: var(--muted); font-size: .9rem; margin: .2rem 0 .8rem; }
    a { color: var(--accent); }
    code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .88rem; }
    .prose code { background: var(--code-bg); padding: .05rem .3rem; border-radius: 3px; }
    .prose pre { background: var(--code-bg); padding: .8rem 1rem; overflow-x: auto; border-radius: 4px; }
    .prose pre code { background: none; padding: 0; }
    .prose-source { white-space: pre-wrap; }
    del { color: var(--muted); }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border: 1px solid var(--rule); padding: .3rem .6rem; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
    .cell { margin: 1.2rem 0; border: 1px solid var(--rule); border-radius: 6px; overflow: hidden; }
    .cell pre { margin: 0; padding: .7rem 1rem; overflow-x: auto; white-space: pre; }
    .commands { background: #eef2f8; border-bottom: 1px solid var(--rule); color: #123; font-weight: 600; }
    .prompt { color: var(--muted); font-weight: 400; user-select: none; }
    .output { background: #fff; }
    .cell.error { border-color: #d9534f; }
    .cell.error .output { background: #fdf1f0; color: #8a1f1b; }
    .cell.error figcaption { background: #d9534f; color: #fff; font-size: .8rem; padding: .15rem 1rem; }
    .cell.error.expected { border-color: #e0a458; }
    .cell.error.expected .output { background: #fff8ee; color: #6b4510; }
    .cell.error.expected figcaption { background: #e0a458; }
    .results { padding: .6rem 1rem; }
    .results pre.text { margin: .3rem 0; white-space: pre-wrap; }
    .results .table { overflow-x: auto; }
    .results table { margin: .4rem 0; font-variant-numeric: tabular-nums; }
    .results th, .results td { border: none; border-bottom: 1px solid var(--rule); padding: .2rem .7rem; white-space: nowrap; }
    .results thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
    .results th[scope=row] { text-align: left; font-weight: 500; white-space: pre; }
    .results .num { text-align: right; }
    .results .figure svg { max-width: 100%; height: auto; display: block; margin: .4rem 0; }
    .as-text summary { cursor: pointer; color: var(--muted); font-size: .85rem; padding: .3rem 1rem; border-top: 1px solid var(--rule); }
    .cell figcaption.drift { background: #e0a458; color: #fff; font-size: .8rem; padding: .15rem 1rem; }
    @media (max-width: 40rem) { main { padding: 1rem .6rem 3rem; } .results { padding: .4rem .5rem; } .cell pre { padding: .5rem .6rem; } }
    @media print { .cell { break-inside: avoid; } main { max-width: none; } .as-text { display: none; } }
    """
}
