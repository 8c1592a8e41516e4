import Foundation
import XCTest
@testable import SurvNotebook

/// Every notebook kept in the repository is a regression test: any output that drifts fails here.
final class ExampleNotebooksTests: XCTestCase {
    static let folders = ["notebooks", "examples"]

    /// All `*.surv.md` files under the folders (recursively); a folder that does not exist holds none.
    static func notebooks() -> [URL] {
        folders.flatMap { name -> [URL] in
            let folder = repositoryRoot.appendingPathComponent(name)
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
            return walker.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(".surv.md") }
        }.sorted { $0.path < $1.path }
    }

    func testEveryRepositoryNotebookReplaysClean() throws {
        let notebooks = Self.notebooks()
        XCTAssertGreaterThanOrEqual(notebooks.count, 2, "examples/ holds at least two notebooks")
        // The walk goes into sub-folders: the lessons live in notebooks/lessons/.
        XCTAssertTrue(notebooks.contains { $0.deletingLastPathComponent().lastPathComponent == "lessons" }, "the lessons are replayed")
        let replayer = NotebookReplayer(survVersion: testVersion)
        for url in notebooks {
            let name = url.path.replacingOccurrences(of: repositoryRoot.path + "/", with: "")
            let result = replayer.replay(url)
            XCTAssertTrue(result.isClean, ReplayReport.text(result, file: name))
            XCTAssertFalse(result.cells.isEmpty, "\(name) has cells")
            // isClean already fails on an unmarked error; an example may show an error only on purpose.
            XCTAssertTrue(result.cells.allSatisfy { !$0.failed || $0.cell.expectsError }, "\(name): an example cell prints an error")
        }
    }
}
