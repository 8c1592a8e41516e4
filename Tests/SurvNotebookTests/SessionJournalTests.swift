import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

final class SessionJournalTests: XCTestCase {
    /// A journal keeps outputs as they were drawn: a session's transcript, drawn, is what reading one gives.
    private func drawn(_ transcript: [TranscriptEntry]) -> [TranscriptEntry] {
        transcript.map { entry in
            guard case .command(let source, let output) = entry else { return entry }
            return .command(source: source, output: .drawn(text: CellText.text(output), failed: output.failed))
        }
    }

    /// A journal whose surv is gone: the descriptor (and with it the lock) is closed, the file stays.
    private func abandonedJournal(in folder: URL, commands: [String], session: Session? = nil) throws -> URL {
        var journal: SessionJournal? = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        let session = session ?? makeSession(in: folder)
        type(commands, in: session)
        journal?.record(session)
        let url = try XCTUnwrap(journal?.url)
        journal = nil
        return url
    }

    func testJournalHoldsEveryCommandAsSoonAsItRuns() throws {
        let folder = try makeTemporaryFolder(self)
        let journal = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        let session = makeSession(in: folder)
        type(["title \"T\"", "# why", "load aml", "km nonsense"], in: session)
        journal.record(session)
        type(["endpoint time, status"], in: session)
        journal.record(session)
        // Read while the journal is still open, as after a kill.
        let contents = SessionJournal.read(journal.url)
        XCTAssertEqual(contents.title, "T")
        XCTAssertEqual(contents.transcript, drawn(session.transcript))
        XCTAssertEqual(contents.commandsSinceSave, 3)
        XCTAssertTrue(contents.transcript.contains { if case .command(_, let output) = $0 { return output.failed } else { return false } },
                      "a failed command is journaled as failed")
    }

    func testEachSessionHasItsOwnJournal() throws {
        let folder = try makeTemporaryFolder(self)
        let first = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        let second = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        XCTAssertNotEqual(first.url, second.url)
        XCTAssertEqual(first.url.deletingLastPathComponent().path, folder.path)
    }

    func testSavedSessionIsNotUnsavedAndItsJournalIsRemoved() throws {
        let folder = try makeTemporaryFolder(self)
        let journal = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        let session = makeSession(in: folder)
        (session.notebookFiles as? NotebookFiles)?.journal = journal
        type(["load aml", "save \"x.surv.md\""], in: session)
        journal.record(session)
        XCTAssertEqual(SessionJournal.read(journal.url).commandsSinceSave, 0)
        XCTAssertFalse(journal.finish())
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.url.path))
    }

    func testALiveSessionsJournalIsNeitherOfferedNorTouched() throws {
        let folder = try makeTemporaryFolder(self)
        let live = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        let session = makeSession(in: folder)
        type(["load aml", "endpoint time, status"], in: session)
        live.record(session)
        let before = try Data(contentsOf: live.url)

        // A second and a third surv start and end while the first is still running.
        for _ in 0..<2 {
            let other = SessionJournal.start(in: folder)
            XCTAssertTrue(other.unsaved.isEmpty, "a journal whose surv is alive is not offered")
            other.journal?.finish()
        }
        XCTAssertEqual(try Data(contentsOf: live.url), before)
        type(["km"], in: session)
        live.record(session)
        XCTAssertEqual(SessionJournal.read(live.url).commandsSinceSave, 3)
    }

    func testAGoneSessionIsOfferedToOneNewSessionAtATimeAndToleratesACutLine() throws {
        let folder = try makeTemporaryFolder(self)
        let crashed = makeSession(in: folder)
        let url = try abandonedJournal(in: folder, commands: ["load aml", "endpoint time, status"], session: crashed)
        // A crash in the middle of a write leaves half a line.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"kind\":\"command\",\"text\":\"km".utf8))
        try handle.close()

        var next: SessionJournal.Start? = SessionJournal.start(in: folder)
        XCTAssertEqual(next?.unsaved.map(\.url), [url])
        XCTAssertEqual(next?.unsaved.first?.commands, 2)
        XCTAssertNotNil(next?.journal)
        XCTAssertEqual(SessionJournal.read(url).transcript, drawn(crashed.transcript))
        XCTAssertTrue(SessionJournal.start(in: folder).unsaved.isEmpty, "the journal on offer in one prompt is not offered in another")
        next = nil
        XCTAssertEqual(SessionJournal.start(in: folder).unsaved.map(\.url), [url], "once that prompt has gone, it is offered again")
    }

    func testAGoneSessionWithNothingUnsavedLeavesNothing() throws {
        let folder = try makeTemporaryFolder(self)
        let url = try abandonedJournal(in: folder, commands: [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
        XCTAssertTrue(SessionJournal.start(in: folder).unsaved.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testRecoverWritesANewNotebookAndContinuesFromIt() throws {
        let folder = try makeTemporaryFolder(self)
        let crashed = makeSession(in: folder)
        let older = try abandonedJournal(in: folder, commands: ["load lung"])
        // Journals are offered most recent first.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: older.path)
        let url = try abandonedJournal(in: folder, commands: ["title \"Lost\"", "load aml", "endpoint time, status", "km"], session: crashed)

        let start = SessionJournal.start(in: folder)
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, journal: start.journal, unsavedJournals: start.unsaved)
        let out = type(["recover \"back.surv.md\""], in: session)[0]
        XCTAssertTrue(out.hasPrefix("recovered 3 commands of the unsaved session into back.surv.md\nopened back.surv.md: 3 cells replayed, all outputs as recorded"), out)
        XCTAssertTrue(out.contains("another unsaved session (1 command) remains"), out)
        XCTAssertEqual(session.title, "Lost")
        XCTAssertEqual(session.transcript, crashed.transcript)
        XCTAssertTrue(NotebookReplayer(survVersion: testVersion).replay(folder.appendingPathComponent("back.surv.md")).isClean)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        XCTAssertTrue(type(["recover \"older.surv.md\""], in: session)[0].hasPrefix("recovered 1 command"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: older.path))
        XCTAssertTrue(type(["recover \"again.surv.md\""], in: session)[0].contains("no unsaved session"))
    }

    func testRecoverNeverOverwritesAFile() throws {
        let folder = try makeTemporaryFolder(self)
        _ = try abandonedJournal(in: folder, commands: ["load aml"])
        try write("keep me", to: folder.appendingPathComponent("exists.surv.md"))
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, unsavedJournals: SessionJournal.start(in: folder).unsaved)
        XCTAssertTrue(type(["recover \"exists.surv.md\""], in: session)[0].contains("already exists"))
        XCTAssertEqual(try read(folder.appendingPathComponent("exists.surv.md")), "keep me")
    }

    func testAFailedWriteIsReported() throws {
        let folder = try makeTemporaryFolder(self)
        let journal = try XCTUnwrap(SessionJournal.start(in: folder).journal)
        XCTAssertNil(journal.writeFailure)
        // /dev/full accepts opening and refuses every write with ENOSPC, as a full disk does.
        let full = try XCTUnwrap(SessionJournal.testing(descriptorFor: "/dev/full"))
        let session = makeSession(in: folder)
        type(["load aml"], in: session)
        full.record(session)
        XCTAssertEqual(full.writeFailure, String(cString: strerror(ENOSPC)))
    }

    func testFolderFollowsTheEnvironment() {
        XCTAssertEqual(SessionJournal.folder(environment: ["SURV_JOURNAL_DIR": "/x/j", "HOME": "/h"])?.path, "/x/j")
        XCTAssertNil(SessionJournal.folder(environment: ["SURV_JOURNAL_DIR": "", "HOME": "/h"]))
        XCTAssertEqual(SessionJournal.folder(environment: ["HOME": "/h"])?.path, "/h/.surv/journals")
    }

    /// A journal is input too (anyone who can write the folder can plant one): records surv could not
    /// have written are left out, so a recovered notebook holds no control character and no smuggled cell.
    func testARecoveredHostileJournalCannotShapeTheNotebook() throws {
        let folder = try makeTemporaryFolder(self)
        let journals = folder.appendingPathComponent("journals")
        try FileManager.default.createDirectory(at: journals, withIntermediateDirectories: true)
        let lines = [
            #"{"kind":"title","text":"T\u001b]52;c;aGk=\u0007"}"#,
            #"{"kind":"prose","text":"hello\n```surv\nload lung\n```\n\n```output\n```"}"#,
            #"{"kind":"markdown","text":"intro\n\n```surv\nwhere age > 70\n```\n```output\n```"}"#,
            #"{"kind":"command","text":"load aml\r```","output":"x"}"#,
            #"{"kind":"command","text":"load aml","output":"out\u001b[2Jput"}"#,
            ##"{"kind":"prose","text":"# kept"}"##,
            #"{"kind":"command","text":"load aml","output":"loaded aml: 23 rows, 3 columns (time, status, x)"}"#,
        ]
        try write(lines.joined(separator: "\n") + "\n", to: journals.appendingPathComponent("session-9-9.jsonl"))
        let start = SessionJournal.start(in: journals)
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, journal: start.journal, unsavedJournals: start.unsaved)
        let out = type(["recover \"r.surv.md\""], in: session)[0]
        XCTAssertTrue(out.contains("recovered 1 command"), out)
        XCTAssertTrue(out.contains("note: 5 lines of the journal could not have been written by surv and were left out"), out)
        let notebook = try read(folder.appendingPathComponent("r.surv.md"))
        XCTAssertFalse(notebook.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, notebook)
        XCTAssertFalse(notebook.contains("load lung") || notebook.contains("where age"), notebook)
        XCTAssertTrue(NotebookReplayer(survVersion: testVersion).replay(folder.appendingPathComponent("r.surv.md")).isClean)
    }

    /// Journals too large for surv to have written are never read; at most 20 are claimed at a time, so a
    /// folder of thousands cannot use up the prompt's file descriptors.
    func testClaimsAreBoundedInSizeAndNumber() throws {
        let folder = try makeTemporaryFolder(self)
        let record = #"{"kind":"command","text":"load aml","output":"x"}"# + "\n"
        for i in 0..<25 { try write(record, to: folder.appendingPathComponent("session-\(i)-1.jsonl")) }
        let huge = folder.appendingPathComponent("session-99-1.jsonl")
        try write(record, to: huge)
        XCTAssertEqual(truncate(huge.path, off_t(SessionJournal.maximumBytes) + 1), 0)
        let start = SessionJournal.start(in: folder)
        XCTAssertEqual(start.unsaved.count, 20)
        XCTAssertFalse(start.unsaved.contains { $0.url == huge })
        XCTAssertTrue(FileManager.default.fileExists(atPath: huge.path), "left alone, not removed")
    }
}
