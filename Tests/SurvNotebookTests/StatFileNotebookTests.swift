import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

/// A notebook that loads a Stata file pins it by its hash, as it pins a CSV, and reports a changed file on replay.
final class StatFileNotebookTests: XCTestCase {
    let replayer = NotebookReplayer(survVersion: testVersion)

    func testAStataFileIsHashedAndAChangeIsReported() throws {
        let folder = try makeTemporaryFolder(self)
        let fixtures = repositoryRoot.appendingPathComponent("Tests/StatFiles")
        let data = folder.appendingPathComponent("trial.dta")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("trial.dta"), to: data)
        let session = makeSession(in: folder)
        type(["load \"trial.dta\"", "let time = last - diag", "endpoint time, status", "stratify by arm", "km", "save \"trial.surv.md\""], in: session)
        let url = folder.appendingPathComponent("trial.surv.md")
        let saved = try read(url)
        let hash = try SHA256.hex(ofFileAt: data)
        XCTAssertTrue(saved.contains("data:\n  - path: \"trial.dta\"\n    sha256: \(hash)\n"), saved)
        XCTAssertTrue(saved.contains("arm=Low dose"), saved)
        XCTAssertTrue(replayer.replay(url).isClean)

        // Another version of the file: the cohort file in its place.
        try FileManager.default.removeItem(at: data)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("cohort.dta"), to: data)
        let changed = replayer.replay(url)
        XCTAssertEqual(changed.dataProblems.count, 1)
        XCTAssertTrue(changed.dataProblems[0].message.contains("has changed"), changed.dataProblems[0].message)
    }
}
