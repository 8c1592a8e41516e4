import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The notebook workflow end to end, driving the built `surv` as a person would.
final class NotebookCLITests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("surv-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.resolvingSymlinksInPath()
    }

    /// A REPL session under a pseudo-terminal is saved, replays clean, fails with a diff once an output is
    /// edited by hand, and is repaired by `replay --update`.
    func testTerminalSessionSavedReplayedEditedAndRepaired() throws {
        let folder = try temporaryFolder()
        let terminal = try TerminalSession(in: folder)
        try terminal.wait(for: "surv> ")
        for line in ["title \"AML at the terminal\"", "# Maintenance against none.", "load aml", "endpoint time, status",
                     "stratify by x", "km", "logrank", "save \"terminal.surv.md\""] {
            try terminal.type(line)
        }
        XCTAssertTrue(terminal.screen.contains("saved 5 cells to terminal.surv.md"), terminal.screen)
        XCTAssertEqual(try terminal.finish(), 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("journals").path), [],
                       "a saved session leaves no journal behind")

        let notebook = folder.appendingPathComponent("terminal.surv.md")
        let saved = try String(contentsOf: notebook, encoding: .utf8)
        XCTAssertTrue(saved.contains("title: \"AML at the terminal\""), saved)
        XCTAssertTrue(saved.contains("Maintenance against none."))
        XCTAssertFalse(saved.contains("\u{1b}"), "no terminal escape codes in the notebook")

        let clean = try runSurv(["replay", "terminal.surv.md"], in: folder)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertEqual(clean.stdout, "terminal.surv.md: 5 cells replayed, all outputs as recorded\n")

        let edited = saved.replacingOccurrences(of: "x=Maintained     11       7      31", with: "x=Maintained     11       7      30")
        XCTAssertNotEqual(edited, saved)
        try Data(edited.utf8).write(to: notebook)
        let failing = try runSurv(["replay", "terminal.surv.md"], in: folder)
        XCTAssertEqual(failing.status, 1)
        let kmLine = (edited.components(separatedBy: "\n").firstIndex(of: "km") ?? 0)
        XCTAssertTrue(failing.stderr.contains("terminal.surv.md:\(kmLine): error: the cell's output differs"), failing.stderr)
        XCTAssertTrue(failing.stderr.contains("-x=Maintained     11       7      30   18–NR\n+x=Maintained     11       7      31   18–NR"), failing.stderr)
        XCTAssertTrue(failing.stderr.contains("terminal.surv.md: 5 cells replayed, 1 differs"), failing.stderr)

        let update = try runSurv(["replay", "--update", "terminal.surv.md"], in: folder)
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertEqual(try String(contentsOf: notebook, encoding: .utf8), saved)
        XCTAssertEqual(try runSurv(["replay", "terminal.surv.md"], in: folder).status, 0)
    }

    /// A session killed with SIGKILL mid-way loses no command: the next start says so, and `recover`
    /// writes them all to a notebook that replays clean.
    func testKilledSessionIsRecoveredWithEveryExecutedCommand() throws {
        let folder = try temporaryFolder()
        let killed = try TerminalSession(in: folder)
        try killed.wait(for: "surv> ")
        let commands = ["load aml", "endpoint time, status", "stratify by x", "km at 12", "logrank", "cox x"]
        for command in commands { try killed.type(command) }
        XCTAssertTrue(killed.screen.contains("Cox proportional hazards"), killed.screen)
        kill(killed.process.processIdentifier, SIGKILL)
        killed.process.waitUntilExit()
        XCTAssertEqual(killed.process.terminationReason, .uncaughtSignal)

        let next = try TerminalSession(in: folder)
        try next.wait(for: "surv> ")
        XCTAssertTrue(next.screen.contains("an unsaved session exists (6 commands"), next.screen)
        try next.type("recover \"recovered.surv.md\"")
        XCTAssertTrue(next.screen.contains("recovered 6 commands of the unsaved session into recovered.surv.md"), next.screen)
        XCTAssertTrue(next.screen.contains("opened recovered.surv.md: 6 cells replayed, all outputs as recorded"), next.screen)
        XCTAssertEqual(try next.finish(), 0)
        let recovered = try String(contentsOf: folder.appendingPathComponent("recovered.surv.md"), encoding: .utf8)
        for command in commands {
            XCTAssertTrue(recovered.contains("```surv\n\(command)\n```"), "\(command) is in the recovered notebook")
        }
        let replay = try runSurv(["replay", "recovered.surv.md"], in: folder)
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("journals").path), [])
    }

    func testHostileNotebookCannotWriteOutsideItsFolder() throws {
        let root = try temporaryFolder()
        let folder = root.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("```surv\nload aml\nsave \"../outside.surv.md\"\n```\n\n```output\n```\n".utf8)
            .write(to: folder.appendingPathComponent("hostile.surv.md"))
        let skipped = "not run: save \"../outside.surv.md\" (a notebook being replayed writes no files)"
        for arguments in [["replay", "received/hostile.surv.md"], ["run", "received/hostile.surv.md"], ["replay", "--update", "received/hostile.surv.md"]] {
            let result = try runSurv(arguments, in: root)
            XCTAssertEqual(result.status, arguments.first == "replay" && arguments.count == 2 ? 1 : 0, arguments.joined(separator: " "))
            XCTAssertTrue((result.stdout + result.stderr).contains(skipped) || arguments.contains("--update"), result.stdout + result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("outside.surv.md").path))
        }
        // --update recorded the skipped save as the cell's output, and the notebook now replays clean.
        let updated = try String(contentsOf: folder.appendingPathComponent("hostile.surv.md"), encoding: .utf8)
        XCTAssertTrue(updated.contains(skipped), updated)
        XCTAssertEqual(try runSurv(["replay", "received/hostile.surv.md"], in: root).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["received"])
    }

    func testExitCodesAndBadInput() throws {
        let folder = try temporaryFolder()
        XCTAssertEqual(try runSurv(["replay"], in: folder).status, 2)
        XCTAssertEqual(try runSurv(["replay", "missing.surv.md"], in: folder).status, 2)
        XCTAssertEqual(try runSurv(["export", "missing.surv.md", "--html", "x.html"], in: folder).status, 2)
        XCTAssertEqual(try runSurv(["replay", "--bogus", "x"], in: folder).status, 2)

        try Data([0x41, 0x0A, 0xC3, 0x28, 0x0A]).write(to: folder.appendingPathComponent("latin.surv.md"))
        let latin = try runSurv(["replay", "latin.surv.md"], in: folder)
        XCTAssertEqual(latin.status, 1)
        XCTAssertTrue(latin.stderr.contains("latin.surv.md:2: error: the file is not valid UTF-8 text"), latin.stderr)

        let text = "Prose.\n\n```surv\nload aml\n```\n\n```output\nloaded aml: 23 rows, 3 columns (time, status, x)\n```\n\n```surv\nkm\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("open.surv.md"))
        let unclosed = try runSurv(["replay", "--update", "open.surv.md"], in: folder)
        XCTAssertEqual(unclosed.status, 1)
        XCTAssertTrue(unclosed.stderr.contains("open.surv.md:11: error: the ```surv block opened here is never closed"), unclosed.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("open.surv.md"), encoding: .utf8), text)
        XCTAssertEqual(try runSurv(["run", "open.surv.md"], in: folder).status, 1)
    }

    func testRunPrintsOutputsAndExportWritesAPage() throws {
        let folder = try temporaryFolder()
        let text = "---\ntitle: \"Run me\"\n---\n\n```surv\nload aml\n```\n\n```output\nanything\n```\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("r.surv.md"))
        let run = try runSurv(["run", "r.surv.md"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "loaded aml: 23 rows, 3 columns (time, status, x)\n\n")
        let export = try runSurv(["export", "r.surv.md", "--html", "r.html"], in: folder)
        XCTAssertEqual(export.status, 0, export.stderr)
        let page = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<title>Run me</title>"))
        XCTAssertTrue(page.contains("anything"))
    }
}
