import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `surv export` writes a page and nothing else: never over the notebook, never through a link.
final class ExportCLITests: XCTestCase {
    private let notebookText = "---\ntitle: \"Export me\"\n---\n\n```surv\nload aml\n```\n\n```output\nanything\n```\n"

    /// A folder holding `nb.surv.md`.
    private func folderWithNotebook() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("surv-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        let folder = url.resolvingSymlinksInPath()
        try Data(notebookText.utf8).write(to: folder.appendingPathComponent("nb.surv.md"))
        return folder
    }

    private func contents(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    private func assertRefused(_ arguments: [String], in folder: URL, saying reason: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try runSurv(arguments, in: folder)
        XCTAssertEqual(result.status, 1, result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(reason), result.stderr, file: file, line: line)
        XCTAssertEqual(try contents(folder.appendingPathComponent("nb.surv.md")), notebookText, "the notebook is untouched",
                       file: file, line: line)
    }

    func testExportNeverWritesOverTheNotebook() throws {
        let folder = try folderWithNotebook()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: folder.appendingPathComponent("nb.surv.md"), to: folder.appendingPathComponent("hard.html"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("alias.surv.md"),
                                                   withDestinationURL: folder.appendingPathComponent("nb.surv.md"))
        let reason = "it is the notebook being exported"
        try assertRefused(["export", "nb.surv.md", "--html", "nb.surv.md"], in: folder, saying: reason)
        try assertRefused(["export", "nb.surv.md", "--html", "sub/../nb.surv.md"], in: folder, saying: reason)
        try assertRefused(["export", "nb.surv.md", "--html", folder.appendingPathComponent("nb.surv.md").path], in: folder, saying: reason)
        try assertRefused(["export", "nb.surv.md", "--html", "hard.html"], in: folder, saying: reason)
        try assertRefused(["export", "alias.surv.md", "--html", "nb.surv.md"], in: folder, saying: reason)
    }

    func testExportNeverWritesThroughASymbolicLink() throws {
        let folder = try folderWithNotebook()
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("page.html"), withDestinationURL: victim)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("nb.html"),
                                                   withDestinationURL: folder.appendingPathComponent("nb.surv.md"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("dangling.html"),
                                                   withDestinationURL: folder.appendingPathComponent("nowhere.html"))
        for output in ["page.html", "nb.html", "dangling.html"] {
            try assertRefused(["export", "nb.surv.md", "--html", output], in: folder, saying: "it is a symbolic link")
        }
        XCTAssertEqual(try contents(victim), "keep me\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("page.html").path), victim.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere.html").path))
    }

    func testExportRefusesAFolder() throws {
        let folder = try folderWithNotebook()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("page.html"), withIntermediateDirectories: true)
        try assertRefused(["export", "nb.surv.md", "--html", "page.html"], in: folder, saying: "it is a folder")
    }

    func testExportReplacesAPlainFileWholeAndNeverExecutable() throws {
        let folder = try folderWithNotebook()
        let page = folder.appendingPathComponent("page.html")
        try Data("old page\n".utf8).write(to: page)
        XCTAssertEqual(chmod(page.path, 0o755), 0)
        let result = try runSurv(["export", "nb.surv.md", "--html", "page.html"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try contents(page).contains("<title>Export me</title>"))
        var info = stat()
        XCTAssertEqual(lstat(page.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o644, "read and write bits kept, execute bits dropped")
        XCTAssertEqual(info.st_nlink, 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(left, ["nb.surv.md", "page.html"], "no temporary file is left behind")
    }

    func testExportToANewFileInAMissingFolderSaysWhy() throws {
        let folder = try folderWithNotebook()
        let result = try runSurv(["export", "nb.surv.md", "--html", "missing/page.html"], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error: cannot write 'missing/page.html': its folder does not exist"), result.stderr)
    }
}
