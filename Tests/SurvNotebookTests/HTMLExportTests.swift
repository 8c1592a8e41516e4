import Foundation
import XCTest
@testable import SurvNotebook

final class HTMLExportTests: XCTestCase {
    private func exampleNotebook() throws -> Notebook {
        let url = repositoryRoot.appendingPathComponent("examples/aml-maintenance.surv.md")
        let (notebook, problems) = NotebookParser.parse(try NotebookSource.read(url))
        XCTAssertEqual(problems, [])
        return notebook
    }

    func testPageIsStandaloneWithProseRenderedAndOutputsEscaped() throws {
        let (notebook, _) = try parse("""
        ---
        title: "A <b>bold</b> title"
        ---

        ## Heading with *emphasis*

        ```surv
        help
        ```

        ```output
        x < y && z > "w"
        ```
        """)
        let page = HTMLExporter.render(notebook, fallbackTitle: "file")
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<title>A &lt;b&gt;bold&lt;/b&gt; title</title>"))
        XCTAssertTrue(page.contains("<h2>Heading with <em>emphasis</em></h2>"), page)
        XCTAssertTrue(page.contains("x &lt; y &amp;&amp; z &gt; &quot;w&quot;"))
        XCTAssertTrue(page.contains("<span class=\"prompt\">surv&gt; </span>help"))
        XCTAssertTrue(page.contains("default-src 'none'"), "scripts and outside resources are forbidden")
        XCTAssertFalse(page.contains("http://") || page.contains("https://"), "nothing is fetched from the network")
        XCTAssertFalse(page.contains("<script"))
    }

    /// The page for one prose block (no front matter, no cells).
    private func page(prose: String) throws -> String {
        let (notebook, problems) = try parse(prose)
        XCTAssertEqual(problems, [])
        return HTMLExporter.render(notebook, fallbackTitle: "prose")
    }

    /// The part of the page the prose became.
    private func proseHTML(_ prose: String) throws -> String {
        let page = try page(prose: prose)
        guard let start = page.range(of: "<section class=\"prose\">"), let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex) else {
            return ""
        }
        return String(page[start.upperBound..<end.lowerBound])
    }

    func testErrorCellsAreStyledAsErrors() throws {
        let (notebook, _) = try parse("""
        ```surv
        load aml
        ```

        ```output
        loaded aml: 23 rows, 3 columns (time, status, x)
        ```

        ```surv
        km
        ```

        ```output error
        error: no endpoint is declared
        ```

        ```surv
        load aml; km
        ```

        ```output
        loaded aml: 23 rows, 3 columns (time, status, x)

        error: no endpoint is declared
        ```
        """)
        let page = HTMLExporter.render(notebook, fallbackTitle: "e")
        XCTAssertTrue(page.contains("<figure class=\"cell\" id=\"line-1\">"), page)
        XCTAssertTrue(page.contains("<figure class=\"cell error expected\" id=\"line-9\">\n<figcaption>error, shown on purpose</figcaption>"), page)
        XCTAssertTrue(page.contains("<figure class=\"cell error\" id=\"line-17\">\n<figcaption>error: this cell fails</figcaption>"), page)
        XCTAssertTrue(page.contains(".cell.error .output"))
    }

    func testMarkdownStillRendersHeadingsListsLinksAndCode() throws {
        let html = try proseHTML("""
        ## Results

        - first *point*
        - second with `code span`

        1. one
        2. two

        See [the manual](https://example.org/manual "Manual") and ~~old~~ text, or www.example.org.

        ```r
        survfit(Surv(time, status) ~ x)
        ```

        > quoted
        """)
        XCTAssertTrue(html.contains("<h2>Results</h2>"), html)
        XCTAssertTrue(html.contains("<li>first <em>point</em></li>"), html)
        XCTAssertTrue(html.contains("<code>code span</code>"), html)
        XCTAssertTrue(html.contains("<ol>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.org/manual\" title=\"Manual\">the manual</a>"), html)
        XCTAssertTrue(html.contains("<del>old</del>"), html)
        XCTAssertTrue(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"), html)
        XCTAssertTrue(html.contains("<pre><code class=\"language-r\">survfit(Surv(time, status) ~ x)\n</code></pre>"), html)
        XCTAssertTrue(html.contains("<blockquote>"), html)
    }

    func testAProseTableBecomesATable() throws {
        let html = try proseHTML("""
        | group | n | median |
        |:------|--:|-------:|
        | Maintained | 11 | 31 |
        | Nonmaintained | 12 | 23 |
        """)
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<th align=\"left\">group</th>"), html)
        XCTAssertTrue(html.contains("<td align=\"left\">Nonmaintained</td>"), html)
        XCTAssertTrue(html.contains("<td align=\"right\">23</td>"), html)
    }

    func testRawHTMLInProseNeverBecomesATag() throws {
        let page = try page(prose: """
        Before <meta http-equiv="refresh" content="0;url=https://example.com"> after.

        <meta http-equiv="refresh" content="0;url=https://example.com">

        <script>alert(1)</script>

        An image <img src="x" onerror="alert(1)"> inline.

        <iframe src="https://example.com"></iframe>

        <div><a href="javascript:alert(1)">div</a></div>
        """)
        for tag in ["<meta http-equiv=\"refresh\"", "<script", "<img", "<iframe", "<div>", "onerror="] {
            XCTAssertFalse(page.contains(tag), "\(tag) in \(page)")
        }
        XCTAssertTrue(page.contains("Before"), page)
        XCTAssertTrue(page.contains("inline."), page)
        XCTAssertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\""), "the page's own policy stays")
    }

    /// Escape sequences in a notebook (title, prose, commands, recorded outputs) reach the page as visible
    /// escapes, never as control characters, as they reach the terminal.
    func testControlCharactersFromANotebookAreShownAsEscapes() throws {
        let (notebook, _) = try parse("""
        ---
        title: "\u{1b}[31mred\u{1b}]0;title\u{07}"
        ---

        Prose \u{1b}[2J cleared.

        ```surv
        let x = "\u{1b}[31m"
        ```

        ```output
        stale \u{1b}[5m blink
        ```
        """)
        let page = HTMLExporter.render(notebook, fallbackTitle: "file")
        let controls = page.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7f }
        XCTAssertEqual(controls.map(\.value), [], page)
        XCTAssertTrue(page.contains("<h1>\\x1b[31mred\\x1b]0;title\\x07</h1>"), page)
        XCTAssertTrue(page.contains("Prose \\x1b[2J cleared."), page)
        XCTAssertTrue(page.contains("stale \\x1b[5m blink"), page)
    }

    func testDangerousLinkSchemesLoseTheirAddress() throws {
        let html = try proseHTML("""
        [x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](vbscript:msgbox) [w](data:text/html;base64,PHNjcmlwdD4=)
        ![i](javascript:alert(1)) <javascript:alert(1)>

        [r]: javascript:alert(2)

        [ref][r]
        """)
        // The text of an autolink may still read "javascript:…"; no address may be one.
        for attribute in ["href=\"javascript", "src=\"javascript", "href=\"vbscript", "href=\"data:"] {
            XCTAssertFalse(html.lowercased().contains(attribute), "\(attribute) in \(html)")
        }
        XCTAssertTrue(html.contains("<a href=\"\">x</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"\">ref</a>"), html)
    }

    // Each of these hung Ink (exponential backtracking on brackets) or overflowed its stack.
    func testHostileProseRendersInLinearTime() throws {
        let cases = [
            String(repeating: "[", count: 24),
            String(repeating: "[", count: 10_000),
            String(repeating: "[", count: 10_000) + "a" + String(repeating: "]", count: 10_000),
            String(repeating: "[a](", count: 10_000),
            String(repeating: ">", count: 10_000) + " a",
            String(repeating: "> ", count: 10_000) + "a",
            String(repeating: "*", count: 10_000),
            String(repeating: "*a ", count: 10_000),
            // Mid-line: a line starting with backticks would be a notebook fence.
            "a " + String(repeating: "`", count: 10_000),
            "a " + String(repeating: "`a``", count: 10_000),
            String(repeating: "- ", count: 10_000) + "a",
            String(repeating: "<a ", count: 10_000),
            String(repeating: "_a", count: 10_000),
        ]
        for prose in cases {
            let html = try proseHTML("text\n\n" + prose)
            XCTAssertTrue(html.contains("<p>text</p>"), String(prose.prefix(20)))
        }
    }

    /// The shapes the cmark-gfm release in Debian takes more than linear time or memory on are shown as
    /// their source instead.
    func testProseOverTheParsersBudgetIsShownAsText() throws {
        let wideTable = "|" + String(repeating: "a|", count: 2_000) + "\n|" + String(repeating: "-|", count: 2_000) + "\n"
            + String(repeating: "x\n", count: 2_000)
        let imagesThenLinks = String(repeating: "![", count: 40_000) + String(repeating: "[]()", count: 40_000)
        let referenceExpansion = "[a]: /" + String(repeating: "x", count: 20_000) + "\n\n" + String(repeating: "[a]", count: 20_000)
        // One header column, then rows of 65,000 cells: each row costs the square of its width.
        let wideRows = "|a|\n|-|\n" + String(repeating: "|" + String(repeating: "x|", count: 65_000) + "\n", count: 2)
        XCTAssertFalse(ProseBudget.allows(wideRows))
        for prose in [wideTable, imagesThenLinks, referenceExpansion, wideRows] {
            let html = try proseHTML(prose)
            XCTAssertTrue(html.hasPrefix("\n<pre class=\"prose-source\"><code>"), String(html.prefix(100)))
            XCTAssertLessThan(html.utf8.count, prose.utf8.count * 2)
        }
        XCTAssertFalse(ProseBudget.allows(wideTable))
        XCTAssertFalse(ProseBudget.allows(imagesThenLinks))
        XCTAssertTrue(ProseBudget.allows(referenceExpansion), "the parser itself declines to expand it")
        // A long ordinary table, blank-line separated paragraphs of images and links are within budget.
        let longTable = "| a | b |\n|---|---|\n" + String(repeating: "| - | - |\n", count: 5_000)
        XCTAssertTrue(ProseBudget.allows(longTable))
        XCTAssertTrue(ProseBudget.allows(String(repeating: "![i](data:image/png;base64,AA) [a](b) [c](d)\n\n", count: 5_000)))
        XCTAssertTrue(try proseHTML(longTable).contains("<table>"))
    }

    /// A cell that replays as recorded is drawn from its values: its tables as tables (numbers right-aligned,
    /// strata as row headers), its figures as inline SVG, its text one click away. A cell that no longer
    /// replays as recorded is shown as recorded, and says so.
    func testReplayedCellsBecomeTablesAndFigures() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("n.surv.md")
        let session = makeSession(in: folder)
        _ = session.runAndRender(line: "load aml; endpoint time, status; stratify by x; km; plot km; logrank")
        _ = session.runAndRender(line: "save \"n.surv.md\"")
        var text = try String(contentsOf: url, encoding: .utf8)
        // The log-rank cell recorded something else: it drifted.
        text = text.replacingOccurrences(of: "chi-square = 3.40 on 1 df", with: "chi-square = 9.90 on 1 df")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let (notebook, problems) = NotebookParser.parse(try NotebookSource.read(url))
        XCTAssertEqual(problems, [])
        let replay = NotebookReplayer(survVersion: testVersion).replay(url)
        let page = HTMLExporter.render(notebook, fallbackTitle: "n", replay: replay)
        XCTAssertTrue(page.contains("<th scope=\"row\">x=Maintained</th><td class=\"num\">11</td>"), page)
        XCTAssertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the figure is inline SVG")
        XCTAssertFalse(page.contains("<?xml"), "no XML declaration inside the page")
        XCTAssertTrue(page.contains("<details class=\"as-text\"><summary>as text</summary>"))
        XCTAssertTrue(page.contains("shown as recorded: replayed now, this cell prints something else"))
        XCTAssertTrue(page.contains("chi-square = 9.90 on 1 df"), "the drifted cell shows what it records")
        XCTAssertFalse(page.contains("<script"))
    }

    /// A run of `expect` checks is one block on the page, a line each; another result breaks the run.
    func testConsecutiveChecksShareOneBlock() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("e.surv.md")
        try "```surv\nload aml\nendpoint time, status\nexpect n = 23\nexpect events = 18\nkm\nexpect n = 23\n```\n\n```output\n```\n"
            .write(to: url, atomically: true, encoding: .utf8)
        _ = try NotebookUpdater.update(url, replayer: NotebookReplayer(survVersion: testVersion))
        let (notebook, problems) = NotebookParser.parse(try NotebookSource.read(url))
        XCTAssertEqual(problems, [])
        let page = HTMLExporter.render(notebook, fallbackTitle: "e", replay: NotebookReplayer(survVersion: testVersion).replay(url))
        let blocks = page.components(separatedBy: "<pre class=\"text\">").dropFirst().map { $0.components(separatedBy: "</pre>")[0] }
        let checks = blocks.filter { $0.contains("expect ") }
        XCTAssertEqual(checks.count, 2, page)
        XCTAssertEqual(checks.first?.components(separatedBy: "\n").count, 2, "the first two checks share a block, a line each")
    }

    /// Names from a data file reach the page's tables and figures escaped.
    func testHostileLevelsAreEscapedInTablesAndFigures() throws {
        let folder = try makeTemporaryFolder(self)
        try "t,e,g\n1,1,<script>x</script>\n2,0,a&b\n3,1,<script>x</script>\n4,1,a&b\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let session = makeSession(in: folder)
        _ = session.runAndRender(line: "load \"d.csv\"; endpoint t, e; stratify by g; km; plot km")
        _ = session.runAndRender(line: "save \"h.surv.md\"")
        let url = folder.appendingPathComponent("h.surv.md")
        let (notebook, _) = NotebookParser.parse(try NotebookSource.read(url))
        let page = HTMLExporter.render(notebook, fallbackTitle: "h", replay: NotebookReplayer(survVersion: testVersion).replay(url))
        XCTAssertFalse(page.contains("<script"), "a level never becomes a tag")
        XCTAssertTrue(page.contains("g=&lt;script&gt;x&lt;/script&gt;"))
        XCTAssertTrue(page.contains("<svg"), "the cells replayed and were drawn from values")
    }

    func testExampleExportRendersInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("headless Chromium is not installed (apt-get install chromium)")
        }
        let folder = try makeTemporaryFolder(self)
        let html = folder.appendingPathComponent("aml.html")
        let png = folder.appendingPathComponent("aml.png")
        try Data(HTMLExporter.render(try exampleNotebook(), fallbackTitle: "aml").utf8).write(to: html)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--screenshot=\(png.path)", "--window-size=1100,1600", html.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning { process.terminate(); XCTFail("Chromium did not finish in 90 s"); return }

        let data = try Data(contentsOf: png)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        // The IHDR chunk gives the size; a rendered page of text compresses far less than a blank one.
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(width, 1100)
        XCTAssertEqual(height, 1600)
        XCTAssertGreaterThan(data.count, 40_000, "the screenshot shows content, not an empty page")
        if let keep = ProcessInfo.processInfo.environment["SURV_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
    }
}
