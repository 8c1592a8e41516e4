import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

final class SessionJournalTests: XCTestCase {
    func testJournalHoldsEveryCommandAsSoonAsItRuns() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("journal")
        let journal = try SessionJournal(url: url)
        let session = makeSession(in: folder)
        type(["title \"T\"", "# why", "load aml"], in: session)
        journal.record(session)
        type(["endpoint time, status"], in: session)
        journal.record(session)
        // Read while the journal is still open, as after a kill.
        let contents = SessionJournal.read(url)
        XCTAssertEqual(contents.title, "T")
        XCTAssertEqual(contents.transcript, session.transcript)
        XCTAssertEqual(contents.commandsSinceSave, 2)
    }

    func testSavedSessionIsNotUnsavedAndItsJournalIsRemoved() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("journal")
        let journal = try SessionJournal(url: url)
        let session = makeSession(in: folder)
        (session.notebookFiles as? NotebookFiles)?.journal = journal
        type(["load aml", "save \"x.surv.md\""], in: session)
        journal.record(session)
        XCTAssertEqual(SessionJournal.read(url).commandsSinceSave, 0)
        XCTAssertFalse(journal.finish())
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testStartMovesAnUnsavedJournalAsideAndToleratesACutLine() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("journal")
        let journal = try SessionJournal(url: url)
        let session = makeSession(in: folder)
        type(["load aml", "endpoint time, status"], in: session)
        journal.record(session)
        // A crash in the middle of a write leaves half a line.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"kind\":\"command\",\"text\":\"km".utf8))
        try handle.close()

        let start = SessionJournal.start(at: url)
        XCTAssertEqual(start.unsaved, SessionJournal.unsavedURL(for: url))
        XCTAssertEqual(start.unsavedCommands, 2)
        XCTAssertNotNil(start.journal)
        XCTAssertEqual(SessionJournal.read(url).transcript, [], "the new session starts an empty journal")
        XCTAssertEqual(SessionJournal.read(SessionJournal.unsavedURL(for: url)).transcript, session.transcript)
    }

    func testRecoverWritesANewNotebookAndContinuesFromIt() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("journal")
        let crashed = makeSession(in: folder)
        let journal = try SessionJournal(url: url)
        type(["title \"Lost\"", "load aml", "endpoint time, status", "km"], in: crashed)
        journal.record(crashed)

        let start = SessionJournal.start(at: url)
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, journal: start.journal, unsavedJournal: start.unsaved)
        let out = type(["recover \"back.surv.md\""], in: session)[0]
        XCTAssertTrue(out.hasPrefix("recovered 3 commands of the unsaved session into back.surv.md\nopened back.surv.md: 3 cells replayed, all outputs as recorded"), out)
        XCTAssertEqual(session.title, "Lost")
        XCTAssertEqual(session.transcript, crashed.transcript)
        XCTAssertTrue(NotebookReplayer(survVersion: testVersion).replay(folder.appendingPathComponent("back.surv.md")).isClean)
        XCTAssertFalse(FileManager.default.fileExists(atPath: SessionJournal.unsavedURL(for: url).path))
        XCTAssertTrue(type(["recover \"again.surv.md\""], in: session)[0].contains("no unsaved session"))
    }

    func testRecoverNeverOverwritesAFile() throws {
        let folder = try makeTemporaryFolder(self)
        let unsaved = folder.appendingPathComponent("j.unsaved")
        try write("{\"kind\":\"command\",\"text\":\"load aml\",\"output\":\"x\"}\n", to: unsaved)
        try write("keep me", to: folder.appendingPathComponent("exists.surv.md"))
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, unsavedJournal: unsaved)
        XCTAssertTrue(type(["recover \"exists.surv.md\""], in: session)[0].contains("already exists"))
        XCTAssertEqual(try read(folder.appendingPathComponent("exists.surv.md")), "keep me")
    }

    func testLocationFollowsTheEnvironment() {
        XCTAssertEqual(SessionJournal.location(environment: ["SURV_JOURNAL": "/x/j", "HOME": "/h"])?.path, "/x/j")
        XCTAssertNil(SessionJournal.location(environment: ["SURV_JOURNAL": "", "HOME": "/h"]))
        XCTAssertEqual(SessionJournal.location(environment: ["HOME": "/h"])?.path, "/h/.surv_journal")
    }
}
