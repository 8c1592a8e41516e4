import Foundation
import SurvCore
import SurvSession
import XCTest
@testable import SurvNotebook

/// What a notebook opened into the user's own session may and may not do to that session.
final class OpenedNotebookTests: XCTestCase {
    /// An opened notebook's cells are confined and read-only: they cannot save the user's session into the
    /// notebook's folder or recover the user's unsaved session there. The user's own commands afterwards can.
    func testOpenedCellsWriteNothingButTheUserStillCan() throws {
        let root = try makeTemporaryFolder(self)
        let received = root.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        try write("```surv\nload aml\nsave \"grab.surv.md\"\nrecover \"grab2.surv.md\"\n```\n\n```output\n```\n",
                  to: received.appendingPathComponent("nb.surv.md"))
        let session = makeSession(in: root)
        type(["load lung", "open \"received/nb.surv.md\""], in: session)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: received.path), ["nb.surv.md"])
        XCTAssertEqual(session.fileAccess, .unrestricted, "the user's own rights are back after the open")
        XCTAssertTrue(type(["save \"mine.surv.md\""], in: session)[0].hasPrefix("saved "))
    }

    /// `open` must not mark what was typed before it as saved: quitting would then lose it without a word.
    func testCommandsTypedBeforeAnOpenStayUnsaved() throws {
        let folder = try makeTemporaryFolder(self)
        try write("```surv\nload aml\n```\n\n```output\nloaded aml: 23 rows, 3 columns (time, status, x)\n```\n",
                  to: folder.appendingPathComponent("nb.surv.md"))
        let journals = folder.appendingPathComponent("journals")

        let typedFirst = makeSession(in: folder)
        let journal = try XCTUnwrap(SessionJournal.start(in: journals).journal)
        (typedFirst.notebookFiles as? NotebookFiles)?.journal = journal
        type(["load lung", "open \"nb.surv.md\""], in: typedFirst)
        journal.record(typedFirst)
        XCTAssertTrue(journal.finish(), "the journal is kept: 'load lung' was never saved")

        let openedFirst = makeSession(in: folder)
        let clean = try XCTUnwrap(SessionJournal.start(in: journals).journal)
        (openedFirst.notebookFiles as? NotebookFiles)?.journal = clean
        type(["open \"nb.surv.md\""], in: openedFirst)
        clean.record(openedFirst)
        XCTAssertFalse(clean.finish(), "a session that only opened a notebook holds nothing the notebook does not")
    }

    /// A command stopped by Ctrl-C is not a result: it does not become a cell (nor a journal line).
    func testAnInterruptedCommandIsNoCell() throws {
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        type(["load lung", "endpoint time, status"], in: session)
        let cellsBefore = session.transcript.count
        Interruption.isRequested = { true }
        defer { Interruption.isRequested = { false } }
        let out = type(["cox age + sex"], in: session)
        XCTAssertTrue(out[0].contains("interrupted"), out[0])
        XCTAssertEqual(session.transcript.count, cellsBefore)
    }

    /// A prose line that looks like a fence would swallow the cells after it and leave a notebook that
    /// neither `open` nor `replay` accepts; it is escaped instead.
    func testProseThatLooksLikeAFenceSavesAReadableNotebook() throws {
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        type(["# ```", "# ~~~ python", "load aml", "save \"fence.surv.md\""], in: session)
        let result = NotebookReplayer(survVersion: testVersion).replay(folder.appendingPathComponent("fence.surv.md"))
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.cells.count, 1)
        XCTAssertTrue(result.isClean)
        XCTAssertTrue(try read(folder.appendingPathComponent("fence.surv.md")).contains("\\```\n"))
    }
}
