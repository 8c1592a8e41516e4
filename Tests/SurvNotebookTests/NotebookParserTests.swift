import XCTest
@testable import SurvNotebook

final class NotebookParserTests: XCTestCase {
    func testReadsFrontMatterProseAndCellsWithLineNumbers() throws {
        let text = """
        ---
        title: "Two \\"quoted\\" words"
        surv: 0.1.0
        data:
          - path: "data/a b.csv"
            sha256: \(String(repeating: "ab", count: 32))
        ---

        Intro *prose*.

        ```surv
        load aml
        endpoint time, status
        ```

        ```output
        loaded aml: 23 rows
        
        endpoint (time, status)
        ```
        Closing words.

        """
        let (notebook, problems) = try parse(text)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.frontMatter?.title, "Two \"quoted\" words")
        XCTAssertEqual(notebook.frontMatter?.survVersion, "0.1.0")
        XCTAssertEqual(notebook.frontMatter?.dataFiles, [DataFileRecord(path: "data/a b.csv", sha256: String(repeating: "ab", count: 32), line: 5)])
        XCTAssertEqual(notebook.cells.count, 1)
        let cell = try XCTUnwrap(notebook.cells.first)
        XCTAssertEqual(cell.line, 11)
        XCTAssertEqual(cell.commands, [CellCommand(line: 12, text: "load aml"), CellCommand(line: 13, text: "endpoint time, status")])
        XCTAssertEqual(cell.output, "loaded aml: 23 rows\n\nendpoint (time, status)")
        XCTAssertEqual(cell.outputLine, 17)
        guard case .prose(let intro) = notebook.blocks.first, case .prose(let closing) = notebook.blocks.last else {
            return XCTFail("expected prose around the cell")
        }
        XCTAssertEqual(intro.markdown.trimmingBlankLines, "Intro *prose*.")
        XCTAssertEqual(closing.markdown, "Closing words.")
        XCTAssertEqual(notebook.loadedFiles, [])
    }

    func testOtherFencesAreProseEvenWhenTheyShowACell() throws {
        let text = """
        ````markdown
        ```surv
        km
        ```
        ````

        ~~~python
        print("```output")
        ~~~
        """
        let (notebook, problems) = try parse(text)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.cells.count, 0)
    }

    func testLongerFencesHoldBacktickLinesAndTildeFencesWork() throws {
        let text = "~~~surv\nload aml\n~~~\n\n````output\n```\ninside\n````\n"
        let (notebook, problems) = try parse(text)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.cells.first?.output, "```\ninside")
    }

    func testUnclosedFenceIsReportedAtItsLine() throws {
        let (_, problems) = try parse("# Title\n\n```surv\nload aml\n")
        XCTAssertEqual(problems.map(\.line), [3])
        XCTAssertTrue(problems[0].message.contains("never closed"), problems[0].message)
    }

    func testUnclosedOutputAndProseFences() throws {
        XCTAssertEqual(try parse("```surv\nkm\n```\n```output\nx\n").problems.map(\.line), [4])
        XCTAssertEqual(try parse("text\n```r\nx <- 1\n").problems.map(\.line), [2])
    }

    func testCellWithoutOutputAndOutputWithoutCellAreBothReported() throws {
        let text = "```surv\nload aml\n```\n\nSome prose.\n\n```output\nloaded\n```\n\n```surv\nkm\n```\n"
        let (_, problems) = try parse(text)
        XCTAssertEqual(problems.map(\.line), [1, 7, 11])
        XCTAssertTrue(problems[0].message.contains("no output block"))
        XCTAssertTrue(problems[1].message.contains("no surv cell"))
        XCTAssertTrue(problems[2].message.contains("no output block"))
    }

    func testUnclosedFrontMatterAndBadDataEntries() throws {
        XCTAssertEqual(try parse("---\ntitle: x\n\ntext\n").problems.map(\.line), [1])
        let badHash = "---\ndata:\n  - path: a.csv\n    sha256: 1234\n---\n"
        XCTAssertEqual(try parse(badHash).problems.map(\.line), [3])
        let noPath = "---\ndata:\n  - sha256: \(String(repeating: "0", count: 64))\n---\n"
        XCTAssertEqual(try parse(noPath).problems.map(\.line), [3])
    }

    func testBinaryAndNonUTF8FilesAreProblemsWithLines() {
        XCTAssertThrowsError(try NotebookSource(bytes: Array("ok\nstill ok\nbad \u{0}\n".utf8))) { error in
            XCTAssertEqual((error as? NotebookProblem)?.line, 3)
            XCTAssertTrue((error as? NotebookProblem)?.message.contains("binary") == true)
        }
        XCTAssertThrowsError(try NotebookSource(bytes: [0x61, 0x0A, 0xFF, 0xFE, 0x0A])) { error in
            XCTAssertEqual((error as? NotebookProblem)?.line, 2)
            XCTAssertTrue((error as? NotebookProblem)?.message.contains("UTF-8") == true)
        }
    }

    func testLineEndingsAndByteOrderMarkSurviveARoundTrip() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: t\r\n---\r\n```surv\r\nkm\r\n```\r\n```output\r\nx\r\n```".utf8)
        let source = try NotebookSource(bytes: bytes)
        XCTAssertEqual(Array(source.text.utf8), bytes)
        let (notebook, problems) = NotebookParser.parse(source)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.frontMatter?.title, "t")
        XCTAssertEqual(notebook.cells.first?.output, "x")
    }

    func testEmptyFileIsAnEmptyNotebook() throws {
        let (notebook, problems) = try parse("")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.blocks, [])
    }

    func testLoadedFilesComeFromParsedCommandsOnly() throws {
        let text = "```surv\nload \"a.csv\"  # load \"b.csv\"\nload aml; load \"c.csv\"\n```\n```output\n```\n"
        XCTAssertEqual(try parse(text).notebook.loadedFiles, ["a.csv", "c.csv"])
    }

    /// A fence inside raw HTML is no cell: no Markdown viewer shows it as one (inside a comment it shows
    /// nothing at all), so running it would let a notebook hide a filter behind its numbers.
    func testFencesInsideRawHTMLAreNotCells() throws {
        let cell = "```surv\nwhere time > 20\n```\n```output\n```\n"
        let visible = "```surv\nshow\n```\n\n```output\n```\n"
        for hidden in ["<!--\n\(cell)-->\n", "<div>\n\(cell)</div>\n", "<script type=\"x\">\n\(cell)</script>\n",
                       "<details>\n\(cell)\n", "<x-note>\n\(cell)\n", "<!-- one line -->\n<!--\n\(cell)\n\nstill hidden\n-->\n"] {
            let (notebook, problems) = try parse(hidden + "\n" + visible)
            XCTAssertEqual(problems, [], hidden)
            XCTAssertEqual(notebook.cells.map { $0.commands.map(\.text) }, [["show"]], hidden)
        }
        // A lone tag cannot interrupt a paragraph, but it starts an HTML block after a heading, a rule, a
        // setext heading or a fenced block: the cell inside it is hidden there too.
        for before in ["# Heading\n", "***\n", "Title\n=====\n", "```python\nx = 1\n```\n", "Para\n---\n"] {
            let (notebook, problems) = try parse(before + "<span hidden>\n" + cell + "</span>\n\n" + visible)
            XCTAssertEqual(problems, [], before)
            XCTAssertEqual(notebook.cells.map { $0.commands.map(\.text) }, [["show"]], before)
        }
        // After paragraph text the same tag is inline HTML, and the fence that follows is a real cell.
        let (inline, inlineProblems) = try parse("Some text\n<span>\n" + visible)
        XCTAssertEqual(inlineProblems, [])
        XCTAssertEqual(inline.cells.count, 1)
        // HTML that ends at a blank line leaves a fence after the blank line a cell, as in any viewer.
        let (notebook, problems) = try parse("<details>\n<summary>more</summary>\n\n" + cell + "\n</details>\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.cells.count, 1)
        // A cell whose blank line lets its output block out of the HTML is refused, not half-read.
        let (_, split) = try parse("<div>\n```surv\nshow\n```\n\n```output\n```\n")
        XCTAssertEqual(split.map(\.message), ["this output block has no surv cell before it"])
        // Text that merely starts with '<' is not HTML.
        let (autolink, _) = try parse("<https://example.org>\n" + visible)
        XCTAssertEqual(autolink.cells.count, 1)
    }
}
