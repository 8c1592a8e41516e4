import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

final class ReplayTests: XCTestCase {
    private let replayer = NotebookReplayer(survVersion: testVersion)

    /// A session typed at the prompt, saved, replays clean; a hand-edited output fails with a diff at the
    /// cell's line; --update repairs it, touching nothing but the output block.
    func testSavedSessionReplaysCleanFailsWhenEditedAndIsRepairedByUpdate() throws {
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        type(["title \"AML\"", "# Does *maintenance* help?", "load aml", "endpoint time, status; stratify by x",
              "km", "  kmm", "logrank", "save \"aml.surv.md\""], in: session)
        let url = folder.appendingPathComponent("aml.surv.md")
        let saved = try read(url)
        XCTAssertTrue(saved.hasPrefix("---\ntitle: \"AML\"\nsurv: 0.1.0\n---\n\nDoes *maintenance* help?\n"), saved)
        XCTAssertFalse(saved.contains("save \""), "the save command is not a cell")

        let clean = replayer.replay(url)
        XCTAssertTrue(clean.isClean, ReplayReport.text(clean, file: "aml.surv.md"))
        XCTAssertEqual(clean.cells.count, 6)

        let edited = saved.replacingOccurrences(of: "chi-square = 3.40", with: "chi-square = 3.50")
        XCTAssertNotEqual(edited, saved)
        try write(edited, to: url)
        let failing = replayer.replay(url)
        XCTAssertFalse(failing.isClean)
        XCTAssertEqual(failing.differing.count, 1)
        let report = ReplayReport.text(failing, file: "aml.surv.md")
        let logrankLine = try XCTUnwrap(edited.components(separatedBy: "\n").firstIndex(of: "logrank")) // the command; its fence is one line up
        XCTAssertTrue(report.contains("aml.surv.md:\(logrankLine): error: the cell's output differs"), report)
        XCTAssertTrue(report.contains("-chi-square = 3.50 on 1 df, p = 0.065\n+chi-square = 3.40 on 1 df, p = 0.065"), report)

        let summary = try NotebookUpdater.update(url, replayer: replayer)
        XCTAssertEqual(summary.updatedCells, [logrankLine])
        XCTAssertEqual(try read(url), saved, "update restores exactly the saved text")
        XCTAssertTrue(replayer.replay(url).isClean)
        XCTAssertFalse(try NotebookUpdater.update(url, replayer: replayer).written, "nothing to do the second time")
    }

    func testUpdateRewritesOnlyOutputBlocksByteForByte() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("n.surv.md")
        // CR-LF endings, odd prose, a wrong output, an empty output, no final newline.
        let original = "Intro  with trailing spaces  \r\n\r\n```surv\r\nload aml   # comment kept\r\n```\r\n\r\n~~~~output\r\nwrong\r\n~~~~\r\n"
            + "*more* prose\r\n```surv\r\ndescribe time\r\n```\r\n```output\r\n```"
        try write(original, to: url)
        _ = try NotebookUpdater.update(url, replayer: replayer)
        let updated = try read(url)
        let result = replayer.replay(url)
        XCTAssertTrue(result.isClean, ReplayReport.text(result, file: "n"))
        let outputLines = Set(result.cells.flatMap { cell in
            Array(cell.cell.outputFences.lowerBound...cell.cell.outputFences.upperBound)
        })
        let before = try NotebookSource(bytes: Array(original.utf8)).lines
        let after = result.notebook?.source.lines ?? []
        // Everything before the first output block, and between blocks, is identical.
        XCTAssertTrue(updated.hasPrefix("Intro  with trailing spaces  \r\n\r\n```surv\r\nload aml   # comment kept\r\n```\r\n\r\n~~~~output\r\nloaded aml"))
        XCTAssertTrue(updated.contains("~~~~\r\n*more* prose\r\n```surv\r\ndescribe time\r\n```\r\n```output\r\n"))
        XCTAssertTrue(updated.hasSuffix("\r\n```"), "the missing final newline stays missing")
        let unchangedBefore = before.enumerated().filter { !(6...8).contains($0.offset) && !(13...14).contains($0.offset) }.map(\.element)
        let unchangedAfter = after.enumerated().filter { !outputLines.contains($0.offset) && !(7...(result.cells[0].cell.outputFences.upperBound - 1)).contains($0.offset) }.map(\.element)
        XCTAssertEqual(unchangedBefore.map(\.text), unchangedAfter.map(\.text))
    }

    func testUpdateRefusesAMalformedNotebookAndLeavesItUntouched() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("bad.surv.md")
        let text = "Precious prose.\n\n```surv\nload aml\n```\n\nMore prose.\n\n```surv\nkm\n"
        try write(text, to: url)
        XCTAssertThrowsError(try NotebookUpdater.update(url, replayer: replayer)) { error in
            XCTAssertTrue((error as? NotebookProblem)?.message.contains("not changed") == true, "\(error)")
        }
        XCTAssertEqual(try read(url), text)
    }

    func testAllCellsRunAndEveryDifferenceIsShown() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("two.surv.md")
        try write("```surv\nload aml\n```\n```output\nold 1\n```\n```surv\nendpoint time, status\n```\n```output\nendpoint Surv(time, status): 23 rows with an outcome, 18 events\n```\n```surv\nkm\n```\n```output\nold 3\n```\n", to: url)
        let result = replayer.replay(url)
        XCTAssertEqual(result.cells.count, 3)
        XCTAssertEqual(result.differing.map(\.cell.line), [1, 13])
    }

    func testACellWhoseCommandNowFailsIsReportedAsFailing() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("f.surv.md")
        try write("```surv\nload \"gone.csv\"\n```\n\n```output\nloaded gone.csv: 3 rows, 1 column (a)\n```\n", to: url)
        let result = replayer.replay(url)
        XCTAssertEqual(result.cells.first?.failed, true)
        let report = ReplayReport.text(result, file: "f.surv.md")
        XCTAssertTrue(report.contains("f.surv.md:1: error: the cell prints an error, and its output block is not marked as expecting one"), report)
        XCTAssertTrue(report.contains("+error: cannot read 'gone.csv': no such file or folder"), report)
        XCTAssertFalse(report.contains(folder.path), "outputs hold no absolute paths")
    }

    /// A notebook from someone else writes nothing, and reads nothing outside its folder.
    func testHostileNotebookIsConfinedToItsFolder() throws {
        let root = try makeTemporaryFolder(self)
        let folder = root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("a,b\n1,2\n", to: root.appendingPathComponent("secret.csv"))
        let url = folder.appendingPathComponent("hostile.surv.md")
        try write("""
        ```surv
        load aml
        save "../outside.surv.md"
        save "../outside"
        load "../secret.csv"
        load "/etc/passwd"
        save "hostile.surv.md"
        save "./sub/../../shared/../outside.surv.md"
        ```

        ```output
        ```

        """, to: url)
        let before = try read(url)
        let result = replayer.replay(url)
        let output = try XCTUnwrap(result.cells.first?.actual)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("outside.surv.md").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("outside").path))
        XCTAssertEqual(try read(url), before, "the notebook did not overwrite itself")
        XCTAssertEqual(output.components(separatedBy: "(a notebook being replayed writes no files)").count - 1, 4, output)
        XCTAssertEqual(output.components(separatedBy: "is outside the notebook's folder; a notebook may only read files inside it").count - 1, 2, output)
        XCTAssertTrue(output.contains("not run: save \"hostile.surv.md\" (a notebook being replayed writes no files)"), output)
        XCTAssertFalse(output.contains("loaded ../secret.csv"))
    }

    func testChangedAndMissingDataFilesAreReportedBeforeCellsRun() throws {
        let folder = try makeTemporaryFolder(self)
        try write("t,e\n1,1\n2,0\n3,1\n", to: folder.appendingPathComponent("d.csv"))
        let session = makeSession(in: folder)
        type(["load \"d.csv\"", "endpoint t, e", "km", "save \"d.surv.md\""], in: session)
        let url = folder.appendingPathComponent("d.surv.md")
        let saved = try read(url)
        let hash = try SHA256.hex(ofFileAt: folder.appendingPathComponent("d.csv"))
        XCTAssertTrue(saved.contains("data:\n  - path: \"d.csv\"\n    sha256: \(hash)\n"), saved)
        XCTAssertTrue(replayer.replay(url).isClean)

        try write("t,e\n1,1\n2,1\n3,1\n", to: folder.appendingPathComponent("d.csv"))
        let changed = replayer.replay(url)
        XCTAssertEqual(changed.dataProblems.map(\.line), [4])
        XCTAssertTrue(changed.dataProblems[0].message.contains("has changed"))
        XCTAssertFalse(changed.differing.isEmpty, "the cells still ran on the new data")
        let summary = try NotebookUpdater.update(url, replayer: replayer)
        XCTAssertTrue(summary.dataChanged)
        XCTAssertTrue(replayer.replay(url).isClean)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("d.csv"))
        let missing = replayer.replay(url)
        XCTAssertEqual(missing.dataProblems.map(\.line), [4])
        XCTAssertTrue(missing.dataProblems[0].message.contains("missing"))
        XCTAssertEqual(missing.cells.first?.failed, true)
    }

    func testOpenReplaysANotebookIntoALiveSessionToContinueFromIt() throws {
        let folder = try makeTemporaryFolder(self)
        let first = makeSession(in: folder)
        type(["title \"Continued\"", "# First part.", "load aml", "endpoint time, status", "save \"part1.surv.md\""], in: first)

        let session = makeSession(in: folder)
        let opened = type(["open \"part1.surv.md\""], in: session)
        XCTAssertEqual(opened, ["opened part1.surv.md: 2 cells replayed, all outputs as recorded"])
        XCTAssertEqual(session.title, "Continued")
        XCTAssertNotNil(session.table)
        let km = type(["km"], in: session)
        XCTAssertTrue(km[0].hasPrefix("Kaplan–Meier: Surv(time, status)"), km[0])
        type(["save \"part2.surv.md\""], in: session)
        let part2 = try read(folder.appendingPathComponent("part2.surv.md"))
        XCTAssertTrue(part2.contains("First part.\n\n```surv\nload aml\n```"), part2)
        XCTAssertTrue(part2.contains("```surv\nkm\n```"), part2)
        XCTAssertTrue(replayer.replay(folder.appendingPathComponent("part2.surv.md")).isClean)
    }

    func testOpenReportsMalformedNotebooksAndSelfOpening() throws {
        let folder = try makeTemporaryFolder(self)
        try write("```surv\nload aml\n```\n", to: folder.appendingPathComponent("bad.surv.md"))
        try write("```surv\nopen \"loop.surv.md\"\n```\n```output\n```\n", to: folder.appendingPathComponent("loop.surv.md"))
        let session = makeSession(in: folder)
        let bad = type(["open \"bad.surv.md\""], in: session)[0]
        XCTAssertTrue(bad.contains("bad.surv.md:1: this surv cell has no output block after it"), bad)
        let loop = type(["open \"loop.surv.md\""], in: session)[0]
        XCTAssertTrue(loop.contains("1 differs"), loop)
        let missing = type(["open \"nowhere.surv.md\""], in: session)[0]
        XCTAssertTrue(missing.contains("no such file"), missing)
        XCTAssertEqual(session.transcript, [], "notebook commands (open) are not cells, and nothing else ran")
    }

    func testOutputsThatLookLikeFencesAreWrittenSafely() throws {
        let text = NotebookWriter.render(frontMatter: FrontMatter(survVersion: "1"), transcript: [
            .command(source: "help", output: .drawn(text: "a\n```\nb\n````x", failed: false)),
        ])
        let (notebook, problems) = try parse(text)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(notebook.cells.first?.output, "a\n```\nb\n````x")
    }

    func testSessionWithoutNotebookSupportRefusesSave() {
        let session = Session(baseDirectory: FileManager.default.temporaryDirectory)
        let out = type(["save \"x.surv.md\""], in: session)
        XCTAssertTrue(out[0].contains("notebook files are not available"), out[0])
    }

    /// An error in the second command of a `;` line is stored against that command alone (its caret
    /// moved), since each command becomes its own cell; so the saved notebook replays clean.
    func testErrorsInLinesOfSeveralCommandsReplayAsSaved() throws {
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        let printed = type(["   load aml;  endpoint time, nosuch", "  kmm at 3", "load aml; endpoint time, status; km at x"], in: session)
        XCTAssertTrue(printed[1].contains("\n     load aml;  endpoint time, nosuch\n"), printed[1])
        type(["save \"s.surv.md\""], in: session)
        let saved = try read(folder.appendingPathComponent("s.surv.md"))
        XCTAssertTrue(saved.contains("```surv\nendpoint time, nosuch\n```"), saved)
        XCTAssertTrue(saved.contains("  endpoint time, nosuch\n                 ^^^^^^"), saved)
        let result = replayer.replay(folder.appendingPathComponent("s.surv.md"))
        XCTAssertTrue(result.isClean, ReplayReport.text(result, file: "s.surv.md"))
    }
}
