import Foundation
import XCTest
@testable import SurvData

func parseCSV(_ text: String, name: String = "t", delimiter: UInt8? = nil) throws -> DataTable {
    try DelimitedTextReader.parse(Array(text.utf8), name: name, delimiter: delimiter)
}

/// Asserts that parsing `bytes` fails with exactly this message and position, and offers a hint.
func XCTAssertDataError(_ bytes: [UInt8], message: String, line: Int?, column: Int?,
                        file: StaticString = #filePath, lineNumber: UInt = #line) {
    do {
        let table = try DelimitedTextReader.parse(bytes, name: "bad")
        XCTFail("parsed without error into \(table.rowCount) rows", file: file, line: lineNumber)
    } catch let error as DataError {
        XCTAssertEqual(error.message, message, file: file, line: lineNumber)
        XCTAssertEqual(error.line, line, "line", file: file, line: lineNumber)
        XCTAssertEqual(error.column, column, "column", file: file, line: lineNumber)
        XCTAssertNotNil(error.hint, "hint", file: file, line: lineNumber)
    } catch {
        XCTFail("unexpected error type \(error)", file: file, line: lineNumber)
    }
}

func XCTAssertDataError(_ text: String, message: String, line: Int?, column: Int?,
                        file: StaticString = #filePath, lineNumber: UInt = #line) {
    XCTAssertDataError(Array(text.utf8), message: message, line: line, column: column, file: file, lineNumber: lineNumber)
}

/// The numbers of a numeric column, `nil` for missing; fails for a text column.
func numbers(_ table: DataTable, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [Double?] {
    guard let column = table.column(named: name) else {
        XCTFail("no column \(name)", file: file, line: line)
        return []
    }
    XCTAssertEqual(column.kind, .number, "kind of \(name)", file: file, line: line)
    return (0..<column.count).map { column.number(at: $0) }
}

/// The values of a text column, `nil` for missing; fails for a numeric column.
func texts(_ table: DataTable, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [String?] {
    guard let column = table.column(named: name) else {
        XCTFail("no column \(name)", file: file, line: line)
        return []
    }
    XCTAssertEqual(column.kind, .text, "kind of \(name)", file: file, line: line)
    return (0..<column.count).map { column.text(at: $0) }
}

func temporaryFile(named name: String, contents: [UInt8]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-data-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(contents).write(to: url)
    return url.path
}
