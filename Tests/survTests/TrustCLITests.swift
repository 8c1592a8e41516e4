import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// An untrusted notebook can only compute; concurrent prompts keep their journals; surv's own output
/// survives hostile bytes and broken streams. Each test is a defect found by attacking the binary.
final class TrustCLITests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("surv-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.resolvingSymlinksInPath()
    }

    private func write(_ text: String, to url: URL, mode: Int? = nil) throws {
        try Data(text.utf8).write(to: url)
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path) }
    }

    private func mode(_ url: URL) throws -> Int {
        try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    private func cell(_ commands: String, _ output: String = "") -> String {
        "```surv\n\(commands)\n```\n\n```output\n\(output)\n```\n\n"
    }

    /// The attack: a notebook whose prose is a shell line and whose cell saves over an executable script
    /// next to it. Every way of replaying it leaves the script as it was.
    func testReplayingANotebookNeverReplacesAFile() throws {
        let folder = try temporaryFolder()
        let script = folder.appendingPathComponent("build.sh")
        try write("#!/bin/sh\necho safe\n", to: script, mode: 0o755)
        let notebook = folder.appendingPathComponent("evil.surv.md")
        try write("touch pwned\n\n" + cell("load aml\nsave \"build.sh\"\nrecover \"other.surv.md\""), to: notebook)

        _ = try runSurv(["replay", "evil.surv.md"], in: folder)
        _ = try runSurv(["run", "evil.surv.md"], in: folder)
        _ = try runSurv(["-c", "open \"evil.surv.md\""], in: folder)
        let update = try runSurv(["replay", "--update", "evil.surv.md"], in: folder)
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertEqual(try String(contentsOf: script, encoding: .utf8), "#!/bin/sh\necho safe\n")
        XCTAssertEqual(try mode(script), 0o755)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["build.sh", "evil.surv.md"])
        let updated = try String(contentsOf: notebook, encoding: .utf8)
        XCTAssertTrue(updated.contains("not run: save \"build.sh\" (a notebook being replayed writes no files)"), updated)
        XCTAssertTrue(updated.contains("not run: recover \"other.surv.md\""), updated)
        XCTAssertEqual(try runSurv(["replay", "evil.surv.md"], in: folder).status, 0, "the skipped writes replay the same every time")
    }

    /// The user's own `save` over an executable keeps its read/write permissions, never the execute bits.
    func testSaveNeverWritesAnExecutable() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("build.sh")
        try write("echo old\n", to: target, mode: 0o754)
        let result = try runSurv(["-c", "load aml; save \"build.sh\""], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try mode(target), 0o644)
    }

    func testReadsCannotLeaveTheFolderThroughALinkedSubfolder() throws {
        let root = try temporaryFolder()
        let outside = root.appendingPathComponent("outside")
        let folder = root.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("t,e\n1,1\n", to: outside.appendingPathComponent("secret.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.csv").path,
                                                   withDestinationPath: root.appendingPathComponent("later.csv").path)
        try write(cell("load \"sub/secret.csv\"") + cell("load \"dangling.csv\"") + cell("save \"sub/x.surv.md\""),
                  to: folder.appendingPathComponent("n.surv.md"))
        let result = try runSurv(["run", "nb/n.surv.md"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'sub/secret.csv' is outside the notebook's folder"), result.stderr)
        // A link to nothing outside the folder is refused like a path outside: existence is not revealed.
        XCTAssertTrue(result.stderr.contains("'dangling.csv' is outside the notebook's folder"), result.stderr)
        XCTAssertTrue(result.stdout.contains("not run: save \"sub/x.surv.md\""), result.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), ["secret.csv"])
    }

    /// At the prompt, saving onto a link (dangling or not) is refused rather than followed.
    func testSaveRefusesToWriteThroughALink() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("elsewhere.surv.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.surv.md").path, withDestinationPath: target.path)
        let result = try runSurv(["-c", "load aml; save \"link.surv.md\""], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'link.surv.md' is a symbolic link; surv does not write through links"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
    }

    func testAPipeGivenAsDataIsRefusedWithoutWaiting() throws {
        let folder = try temporaryFolder()
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("fifo.csv").path, 0o600), 0)
        let result = try runSurv(["-c", "load \"fifo.csv\""], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'fifo.csv' is a pipe (FIFO), not a file"), result.stderr)
        let folderLoad = try runSurv(["-c", "load \".\""], in: folder)
        XCTAssertTrue(folderLoad.stderr.contains("'.' is a folder, not a file"), folderLoad.stderr)
        let device = try runSurv(["-c", "load \"/dev/zero\""], in: folder)
        XCTAssertTrue(device.stderr.contains("is a device or other special file"), device.stderr)
    }

    /// `replay --update` rewrites only a notebook it may write: never through a link, never a read-only file.
    func testUpdateLeavesLinkedAndReadOnlyNotebooksAlone() throws {
        let folder = try temporaryFolder()
        let real = folder.appendingPathComponent("real.surv.md")
        try write(cell("load aml", "stale"), to: real)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.surv.md").path, withDestinationPath: real.path)
        let linked = try runSurv(["replay", "--update", "link.surv.md"], in: folder)
        XCTAssertEqual(linked.status, 1)
        XCTAssertTrue(linked.stderr.contains("symbolic link"), linked.stderr)
        XCTAssertTrue(FilePathTest.isLink(folder.appendingPathComponent("link.surv.md")))

        try write(cell("load aml", "stale"), to: real, mode: 0o444)
        let readOnly = try runSurv(["replay", "--update", "real.surv.md"], in: folder)
        XCTAssertEqual(readOnly.status, 1)
        XCTAssertTrue(readOnly.stderr.contains("read-only"), readOnly.stderr)
        XCTAssertTrue(try String(contentsOf: real, encoding: .utf8).contains("stale"))
        XCTAssertEqual(try mode(real), 0o444)
    }

    /// A killed `save` leaves its temporary file; the next save of the same notebook removes it.
    func testAbandonedTemporaryFilesAreCleared() throws {
        let folder = try temporaryFolder()
        let abandoned = folder.appendingPathComponent(".x.surv.md.99999999.tmp")
        try write(String(repeating: "x", count: 1000), to: abandoned)
        let result = try runSurv(["-c", "load aml; save \"x.surv.md\""], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path))
    }

    // MARK: - Journals

    /// The sequence that lost a journal: a live prompt, a piped run, a third start. The prompt's journal
    /// survives all of it, and is offered for recovery once the prompt is killed.
    func testConcurrentSessionsNeverLoseAJournal() throws {
        let folder = try temporaryFolder()
        let live = try TerminalSession(in: folder)
        try live.wait(for: "surv> ")
        for command in ["load aml", "endpoint time, status", "km"] { try live.type(command) }

        let piped = try runSurv([], in: folder, input: "load lung\nkm nonsense\n")
        XCTAssertFalse(piped.stderr.contains("unsaved"), "a piped run says nothing of other sessions: \(piped.stderr)")
        let third = try TerminalSession(in: folder)
        try third.wait(for: "surv> ")
        XCTAssertFalse(third.screen.contains("unsaved session"), "a live prompt's journal is not offered: \(third.screen)")
        XCTAssertEqual(try third.finish(), 0)

        try live.type("stratify by x")
        kill(live.process.processIdentifier, SIGKILL)
        live.process.waitUntilExit()
        let journals = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("journals").path)
        XCTAssertEqual(journals.count, 1, "only the killed prompt's journal is left: \(journals)")

        let next = try TerminalSession(in: folder)
        try next.wait(for: "surv> ")
        XCTAssertTrue(next.screen.contains("an unsaved session exists (4 commands"), next.screen)
        try next.type("recover \"back.surv.md\"")
        XCTAssertTrue(next.screen.contains("opened back.surv.md: 4 cells replayed, all outputs as recorded"), next.screen)
        XCTAssertEqual(try next.finish(), 0)
    }

    /// Several sessions that ended unsaved are listed, most recent first, and recovered one after another.
    func testSeveralUnsavedSessionsAreListedAndRecoveredInTurn() throws {
        let folder = try temporaryFolder()
        let journals = folder.appendingPathComponent("journals")
        try FileManager.default.createDirectory(at: journals, withIntermediateDirectories: true)
        let record = { (command: String) in "{\"kind\":\"command\",\"output\":\"x\",\"text\":\"\(command)\"}\n" }
        try write(record("load lung"), to: journals.appendingPathComponent("session-1-1.jsonl"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)],
                                              ofItemAtPath: journals.appendingPathComponent("session-1-1.jsonl").path)
        try write(record("load aml") + record("endpoint time, status"), to: journals.appendingPathComponent("session-2-2.jsonl"))
        let prompt = try TerminalSession(in: folder)
        try prompt.wait(for: "surv> ")
        XCTAssertTrue(prompt.screen.contains("2 unsaved sessions exist"), prompt.screen)
        XCTAssertTrue(prompt.screen.contains("1. 2 commands, last written"), prompt.screen)
        XCTAssertTrue(prompt.screen.contains("2. 1 command, last written"), prompt.screen)
        try prompt.type("recover \"a.surv.md\"")
        XCTAssertTrue(prompt.screen.contains("recovered 2 commands"), prompt.screen)
        try prompt.type("recover \"b.surv.md\"")
        XCTAssertTrue(prompt.screen.contains("recovered 1 command"), prompt.screen)
        XCTAssertEqual(try prompt.finish(), 0)
    }

    // MARK: - Command line

    func testCommandsGivenWithDashCAreCellsAndRunInOrder() throws {
        let folder = try temporaryFolder()
        let one = try runSurv(["-c", "load aml; endpoint time, status; km; save \"one.surv.md\""], in: folder)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("saved 3 cells to one.surv.md"), one.stdout)
        XCTAssertEqual(try runSurv(["replay", "one.surv.md"], in: folder).status, 0)

        let several = try runSurv(["-c", "load aml", "-c", "endpoint time, status", "-c", "km; save \"two.surv.md\""], in: folder)
        XCTAssertEqual(several.status, 0, several.stderr)
        XCTAssertTrue(several.stdout.hasPrefix("loaded aml"), several.stdout)
        XCTAssertTrue(several.stdout.contains("saved 3 cells to two.surv.md"), several.stdout)
    }

    func testHelpListsEveryOptionWithAnExample() throws {
        let help = try runSurv(["--help"], in: try temporaryFolder())
        XCTAssertEqual(help.status, 0)
        for option in ["-c <commands>", "--init <commands>", "--json", "surv -c 'load aml' -c", "surv replay", "surv export", "surv run"] {
            XCTAssertTrue(help.stdout.contains(option), "--help shows \(option):\n\(help.stdout)")
        }
    }

    /// A notebook named .MD or .markdown is still a notebook: confined, writing nothing.
    func testNotebookRunsConfinedWhateverItsExtension() throws {
        let folder = try temporaryFolder()
        for name in ["x.surv.MD", "x.markdown", "x.txt"] {
            try write(cell("load aml\nsave \"made.surv.md\""), to: folder.appendingPathComponent(name))
            let result = try runSurv(["run", name], in: folder)
            XCTAssertTrue(result.stdout.contains("not run: save \"made.surv.md\""), "\(name): \(result.stdout) \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("made.surv.md").path), name)
        }
    }

    // MARK: - Error cells

    func testAnErrorCellFailsReplayUnlessMarkedExpected() throws {
        let folder = try temporaryFolder()
        let notebook = folder.appendingPathComponent("e.surv.md")
        try write(cell("load aml") + cell("km"), to: notebook)
        // --update records the error, but does not vouch for it.
        let update = try runSurv(["replay", "--update", "e.surv.md"], in: folder)
        XCTAssertEqual(update.status, 1)
        XCTAssertTrue(update.stdout.contains("prints an error its output block is not marked to expect"), update.stdout)
        let replay = try runSurv(["replay", "e.surv.md"], in: folder)
        XCTAssertEqual(replay.status, 1, "an error recorded by --update still fails the replay")
        XCTAssertTrue(replay.stderr.contains("e.surv.md:9: error: the cell prints an error, and its output block is not marked as expecting one"), replay.stderr)
        XCTAssertTrue(replay.stderr.contains("1 prints an error not marked as expected"), replay.stderr)

        // The author marks it: now it is part of the lesson, and it must keep failing the same way.
        let marked = try String(contentsOf: notebook, encoding: .utf8).replacingOccurrences(of: "```output\nerror:", with: "```output error\nerror:")
        try write(marked, to: notebook)
        let expected = try runSurv(["replay", "e.surv.md"], in: folder)
        XCTAssertEqual(expected.status, 0, expected.stderr)
        XCTAssertEqual(try runSurv(["run", "e.surv.md"], in: folder).status, 0, "an expected error is not a failure of run either")

        // Once the command works, the mark is wrong: the replay says so and --update removes it.
        try write(marked.replacingOccurrences(of: "```surv\nkm\n```", with: "```surv\nendpoint time, status\n```"), to: notebook)
        let fixed = try runSurv(["replay", "e.surv.md"], in: folder)
        XCTAssertEqual(fixed.status, 1)
        XCTAssertTrue(fixed.stderr.contains("marked as an error, but the cell now runs without one"), fixed.stderr)
        XCTAssertEqual(try runSurv(["replay", "--update", "e.surv.md"], in: folder).status, 0)
        XCTAssertFalse(try String(contentsOf: notebook, encoding: .utf8).contains("output error"))
    }

    /// An errorless session saved at the prompt replays clean; one with an error shows it as expected.
    func testErrorsTypedAtThePromptAreSavedAsExpectedErrors() throws {
        let folder = try temporaryFolder()
        let result = try runSurv(["-c", "load aml", "-c", "km", "-c", "save \"typo.surv.md\""], in: folder)
        XCTAssertEqual(result.status, 1)
        let saved = try String(contentsOf: folder.appendingPathComponent("typo.surv.md"), encoding: .utf8)
        XCTAssertTrue(saved.contains("```output error\nerror:"), saved)
        XCTAssertEqual(try runSurv(["replay", "typo.surv.md"], in: folder).status, 0)
    }

    func testFilesThatAreNotNotebooksDoNotPassAsReplayed() throws {
        let folder = try temporaryFolder()
        try write("<!DOCTYPE html><html><body>hello</body></html>\n", to: folder.appendingPathComponent("page.surv.md"))
        let page = try runSurv(["replay", "page.surv.md"], in: folder)
        XCTAssertEqual(page.status, 1)
        XCTAssertTrue(page.stderr.contains("the file has no surv cells"), page.stderr)
        // Old Mac line endings: the cells are read, not missed.
        try write(cell("load aml", "loaded aml: 23 rows, 3 columns (time, status, x)").replacingOccurrences(of: "\n", with: "\r"),
                  to: folder.appendingPathComponent("cr.surv.md"))
        let cr = try runSurv(["replay", "cr.surv.md"], in: folder)
        XCTAssertEqual(cr.status, 0, cr.stderr)
        XCTAssertTrue(cr.stdout.contains("1 cell replayed"), cr.stdout)
    }

    // MARK: - Output

    /// Escape sequences in a notebook's outputs or a data file's names are shown, never obeyed.
    func testNothingFromAFileReachesTheTerminalRaw() throws {
        let folder = try temporaryFolder()
        let osc52 = "\u{1b}]52;c;cHduZWQ=\u{07}"
        try write(cell("load aml", "\u{1b}[8mhidden\u{1b}[0m") + cell("load \"\(osc52).csv\""), to: folder.appendingPathComponent("n.surv.md"))
        let replay = try runSurv(["replay", "n.surv.md"], in: folder)
        let run = try runSurv(["run", "n.surv.md"], in: folder)
        let typed = try runSurv(["-c", "load \"\(osc52).csv\"", "--json"], in: folder)
        for result in [replay, run, typed] {
            XCTAssertFalse((result.stdout + result.stderr).contains("\u{1b}"), result.stdout + result.stderr)
        }
        XCTAssertTrue(replay.stderr.contains("-\\x1b[8mhidden\\x1b[0m"), replay.stderr)
        XCTAssertTrue(run.stderr.contains("the line holds a control character (\\x1b)"), run.stderr)
        XCTAssertTrue(typed.stdout.contains("the line holds a control character (\\\\x1b)"), "JSON escapes it its own way: \(typed.stdout)")
    }

    /// A carriage return typed into prose or a command (from a pipe) would become a line break in the saved
    /// notebook and could smuggle in a cell that never ran. Such a line is refused and not saved.
    func testACarriageReturnCannotSmuggleACellIntoASavedNotebook() throws {
        let folder = try temporaryFolder()
        let input = "# hi\r```surv\rload lung\r```\r\r```output\rX\r```\rload aml\ntitle \"a\rb\"\nsave \"t.surv.md\"\n"
        let piped = try runSurv([], in: folder, input: input)
        XCTAssertTrue(piped.stderr.contains("the line holds a control character (\\x0d)"), piped.stderr)
        let saved = try String(contentsOf: folder.appendingPathComponent("t.surv.md"), encoding: .utf8)
        XCTAssertFalse(saved.contains("load lung"), saved)
        XCTAssertFalse(saved.contains("\r"), saved)
        XCTAssertEqual(try runSurv(["replay", "t.surv.md"], in: folder).status, 1, "no cells: nothing was saved but the front matter")
        // From -c, line breaks separate lines, as in a script.
        let lines = try runSurv(["-c", "load aml\nendpoint time, status\rkm"], in: folder)
        XCTAssertEqual(lines.status, 0, lines.stderr)
    }

    /// `surv run x | head -1`: the reader leaves, surv ends quietly.
    func testAClosedPipeEndsSurvQuietly() throws {
        let folder = try temporaryFolder()
        let script = (0..<200).map { _ in "help" }.joined(separator: "\n")
        try write(script, to: folder.appendingPathComponent("long.surv"))
        let result = try runShell("'\(try survExecutable().path)' run long.surv 2>err.txt | head -1 >/dev/null; echo ${PIPESTATUS[0]}", in: folder)
        XCTAssertEqual(result.trimmingCharacters(in: .whitespacesAndNewlines), "141")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("err.txt"), encoding: .utf8), "")
    }

    /// A full disk behind standard output or standard error is an error, never a trap or a silent success.
    func testFailedWritesAreReportedByTheExitStatus() throws {
        let folder = try temporaryFolder()
        let survPath = try survExecutable().path
        XCTAssertEqual(try runShell("'\(survPath)' -c 'load aml' >/dev/full 2>err.txt; echo $?", in: folder)
            .trimmingCharacters(in: .whitespacesAndNewlines), "1")
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("err.txt"), encoding: .utf8)
            .contains("cannot write standard output"))
        XCTAssertEqual(try runShell("'\(survPath)' -c 'km' 2>/dev/full; echo $?", in: folder)
            .trimmingCharacters(in: .whitespacesAndNewlines), "1")
        XCTAssertEqual(try runShell("'\(survPath)' -c 'load aml' >/dev/null 2>&-; echo $?", in: folder)
            .trimmingCharacters(in: .whitespacesAndNewlines), "0", "a closed standard error costs nothing while nothing is written to it")
        XCTAssertEqual(try runShell("'\(survPath)' -c 'km' >/dev/null 2>&-; echo $?", in: folder)
            .trimmingCharacters(in: .whitespacesAndNewlines), "1")
    }

    // MARK: - Bounded work

    /// Nine notebooks each opening the next five times would replay 5^8 notebooks; a cap on the cells
    /// replayed across nested opens stops it early.
    func testNestedOpensAreBoundedInTotal() throws {
        let folder = try temporaryFolder()
        for level in 0..<9 {
            let inner = level < 8 ? (0..<5).map { _ in cell("open \"n\(level + 1).surv.md\"") }.joined() : cell("load aml")
            try write(inner, to: folder.appendingPathComponent("n\(level).surv.md"))
        }
        let started = Date()
        let result = try runSurv(["-c", "open \"n0.surv.md\""], in: folder)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "bounded (the uncapped run took minutes)")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("notebooks opened inside each other replay more than 5000 cells; the rest were not run"),
                      result.stderr)
        let replay = try runSurv(["replay", "n0.surv.md"], in: folder)
        XCTAssertEqual(replay.status, 1)
    }

    /// The budget is the whole replay's: a notebook that opens a 400-cell notebook twenty times stops at
    /// 5,000 cells, and a replayed notebook cannot open itself.
    func testTheCellBudgetSpansTheWholeReplay() throws {
        let folder = try temporaryFolder()
        try write(String(repeating: cell("set digits 3"), count: 400), to: folder.appendingPathComponent("c.surv.md"))
        try write(String(repeating: cell("open \"c.surv.md\""), count: 20), to: folder.appendingPathComponent("top.surv.md"))
        let replay = try runSurv(["replay", "top.surv.md"], in: folder)
        XCTAssertEqual(replay.status, 1)
        XCTAssertTrue(replay.stderr.contains("the replay stopped here: with the notebooks its cells open, it replayed 5000 cells"), replay.stderr)
        let run = try runSurv(["run", "top.surv.md"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("notebooks opened inside each other replay more than 5000 cells"), run.stderr)

        try write(cell("open \"self.surv.md\""), to: folder.appendingPathComponent("self.surv.md"))
        let selfOpen = try runSurv(["replay", "self.surv.md"], in: folder)
        XCTAssertTrue(selfOpen.stderr.contains("'self.surv.md' opens itself"), selfOpen.stderr)
    }
}

private enum FilePathTest {
    static func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }
}

/// Runs a bash command line in `folder` and returns its standard output.
func runShell(_ command: String, in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = folder
    process.environment = survEnvironment(folder: folder)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
