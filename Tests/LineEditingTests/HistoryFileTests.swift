import Foundation
import XCTest
@testable import LineEditing

final class HistoryFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-history-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String = "history") -> String {
        directory.appendingPathComponent(name).path
    }

    func testMissingFileIsEmptyHistory() {
        XCTAssertEqual(HistoryFile(path: path(), capacity: 10).load(), [])
    }

    func testAppendedEntriesLoadBackInOrder() throws {
        let file = HistoryFile(path: path(), capacity: 10)
        try file.append("load \"data/lung.csv\"")
        try file.append("km time status by sex")
        try file.append("âge > 60")
        XCTAssertEqual(
            HistoryFile(path: path(), capacity: 10).load(),
            ["load \"data/lung.csv\"", "km time status by sex", "âge > 60"])
        let text = try String(contentsOfFile: path(), encoding: .utf8)
        XCTAssertEqual(text, "load \"data/lung.csv\"\nkm time status by sex\nâge > 60\n")
    }

    func testNewlinesInsideAnEntryBecomeSpaces() throws {
        let file = HistoryFile(path: path(), capacity: 10)
        try file.append("km a\nb\r\nc")
        XCTAssertEqual(file.load(), ["km a b c"])
    }

    func testLoadKeepsOnlyTheNewestEntriesAndSkipsBlankLines() throws {
        try "one\n\n   \ntwo\r\nthree\nfour\n".write(toFile: path(), atomically: true, encoding: .utf8)
        XCTAssertEqual(HistoryFile(path: path(), capacity: 2).load(), ["three", "four"])
    }

    func testFileGrownPastTwiceTheCapacityIsCompacted() throws {
        let file = HistoryFile(path: path(), capacity: 3)
        for index in 1...7 { try file.append("cmd \(index)") }
        XCTAssertEqual(file.load(), ["cmd 5", "cmd 6", "cmd 7"])
        let text = try String(contentsOfFile: path(), encoding: .utf8)
        XCTAssertEqual(text, "cmd 5\ncmd 6\ncmd 7\n")
        // Below the threshold the file is left alone.
        try file.append("cmd 8")
        XCTAssertEqual(file.load(), ["cmd 6", "cmd 7", "cmd 8"])
        XCTAssertEqual(try String(contentsOfFile: path(), encoding: .utf8), "cmd 5\ncmd 6\ncmd 7\ncmd 8\n")
    }

    func testNewFileIsPrivateToTheUser() throws {
        try HistoryFile(path: path(), capacity: 5).append("km")
        let attributes = try FileManager.default.attributesOfItem(atPath: path())
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testAppendToUnwritableLocationThrows() {
        let file = HistoryFile(path: path("missing-dir/history"), capacity: 5)
        XCTAssertThrowsError(try file.append("km")) { error in
            XCTAssertEqual((error as? HistoryFileError)?.path, self.path("missing-dir/history"))
        }
    }

    func testLineEditorRemembersAcrossInstances() throws {
        let first = LineEditor(historyPath: path(), completer: { _ in [] })
        first.remember("km time status")
        first.remember("km time status") // repeated entry is not stored twice
        first.remember("   ")             // blank lines are not history
        first.remember("cox age")
        XCTAssertEqual(HistoryFile(path: path(), capacity: 100).load(), ["km time status", "cox age"])

        // A later session starts from the saved history and still skips a
        // repeat of the newest entry.
        let second = LineEditor(historyPath: path(), completer: { _ in [] })
        second.remember("cox age")
        second.remember("logrank sex")
        XCTAssertEqual(
            HistoryFile(path: path(), capacity: 100).load(), ["km time status", "cox age", "logrank sex"])
    }

    func testLineEditorWithoutHistoryPathWritesNothing() throws {
        let editor = LineEditor(historyPath: nil, completer: { _ in [] })
        editor.remember("km")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }
}
