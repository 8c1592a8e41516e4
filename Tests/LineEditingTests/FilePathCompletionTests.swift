import Foundation
import XCTest
@testable import LineEditing

final class FilePathCompletionTests: XCTestCase {
    private var root: String!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("surv-files-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/data/nested", withIntermediateDirectories: true)
        for file in ["data/lung.csv", "data/lymph.tsv", "data/.hidden", "data/nested/x.csv", "notes.txt"] {
            XCTAssertTrue(manager.createFile(atPath: root + "/" + file, contents: Data()))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testCompletesNamesInTheTypedDirectory() {
        XCTAssertEqual(
            FilePathCompletion.candidates(for: "data/l", currentDirectory: root),
            ["data/lung.csv", "data/lymph.tsv"])
        XCTAssertEqual(FilePathCompletion.candidates(for: "data/lu", currentDirectory: root), ["data/lung.csv"])
    }

    func testDirectoriesEndWithSlash() {
        XCTAssertEqual(FilePathCompletion.candidates(for: "da", currentDirectory: root), ["data/"])
        XCTAssertEqual(FilePathCompletion.candidates(for: "data/n", currentDirectory: root), ["data/nested/"])
    }

    func testEmptyPrefixListsVisibleEntriesOnly() {
        XCTAssertEqual(
            FilePathCompletion.candidates(for: "data/", currentDirectory: root),
            ["data/lung.csv", "data/lymph.tsv", "data/nested/"])
        XCTAssertEqual(FilePathCompletion.candidates(for: "data/.h", currentDirectory: root), ["data/.hidden"])
    }

    func testAbsoluteAndHomeRelativePaths() {
        XCTAssertEqual(FilePathCompletion.candidates(for: root + "/no", currentDirectory: "/"), [root + "/notes.txt"])
        XCTAssertEqual(
            FilePathCompletion.candidates(for: "~/data/ly", currentDirectory: "/", homeDirectory: root),
            ["~/data/lymph.tsv"])
        XCTAssertEqual(FilePathCompletion.candidates(for: "~/data/ly", currentDirectory: "/", homeDirectory: nil), [])
    }

    func testMissingDirectoryGivesNothing() {
        XCTAssertEqual(FilePathCompletion.candidates(for: "nowhere/x", currentDirectory: root), [])
    }
}
