import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

/// A notebook that checks published numbers proves them on every replay: a check that no longer holds
/// fails the replay even when the notebook recorded it failing.
final class ExpectReplayTests: XCTestCase {
    func testAFailingCheckFailsTheReplay() throws {
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        _ = session.runAndRender(line: "load aml; endpoint time, status; stratify by x; expect logrank p = 0.065")
        _ = session.runAndRender(line: "save \"ok.surv.md\"")
        let ok = folder.appendingPathComponent("ok.surv.md")
        XCTAssertTrue(NotebookReplayer(survVersion: testVersion).replay(ok).isClean)

        let text = try String(contentsOf: ok, encoding: .utf8)
            .replacingOccurrences(of: "expect logrank p = 0.065", with: "expect logrank p = 0.05")
        let bad = folder.appendingPathComponent("bad.surv.md")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let summary = try NotebookUpdater.update(bad, replayer: NotebookReplayer(survVersion: testVersion))
        XCTAssertFalse(summary.failingCells.isEmpty, "--update names the cell whose check fails")
        let replay = NotebookReplayer(survVersion: testVersion).replay(bad)
        XCTAssertFalse(replay.isClean, "the recorded ✗ matches, but a check that fails is an error")
        XCTAssertTrue(try String(contentsOf: bad, encoding: .utf8).contains("paper 0.05 · here 0.0653 ✗ outside ± 0.005"))
    }
}
