import Foundation
import SurvCore
import XCTest
@testable import SurvData

/// The Stata, SPSS and SAS files in Tests/StatFiles were written by R's haven (make_stat_files.R), which also
/// recorded what it reads back from each (reference.json). Every value, label, missing value and date surv
/// reads is compared with haven's.
final class StatFileReaderTests: XCTestCase {
    func testEveryFileReadsAsHavenReadsIt() throws {
        let reference = try StatFiles.reference()
        let files = try XCTUnwrap(reference["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 9)
        for file in files {
            let name = try XCTUnwrap(file["file"] as? String)
            let table = try StatFileReader.read(bytes: try StatFiles.bytes(name), fileName: name)
            XCTAssertEqual(table.rowCount, file["rows"] as? Int, name)
            let columns = try XCTUnwrap(file["columns"] as? [[String: Any]])
            XCTAssertEqual(table.columnNames, columns.compactMap { $0["name"] as? String }, name)
            for expected in columns {
                try check(table, expected, in: name)
            }
        }
    }

    private func check(_ table: DataTable, _ expected: [String: Any], in file: String) throws {
        let name = try XCTUnwrap(expected["name"] as? String)
        let column = try XCTUnwrap(table.column(named: name), "\(file): \(name)")
        let what = "\(file): \(name)"
        XCTAssertEqual(column.label, expected["label"] as? String, "\(what) label")
        let values = try XCTUnwrap(expected["values"] as? [Any])
        let rows = 0..<column.count
        switch expected["type"] as? String {
        case "number":
            XCTAssertNil(column.levelValues, what)
            // (The portable file's dates are plain numbers to both: the tool that converted it kept no formats.)
            XCTAssertNil(column.dateStyle, what)
            assertClose(rows.map { column.number(at: $0) }, values.map { $0 as? Double }, what)
        case "labelled":
            let codes = values.map { $0 as? Double }
            let labelled = Set((expected["value_labels"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? Double })
            guard codes.contains(where: { $0.map(labelled.contains) ?? false }) else {
                // Labels only for missing codes (SPSS's 999 = Unknown): the column stays a number.
                assertClose(rows.map { column.number(at: $0) }, codes, what)
                return
            }
            XCTAssertEqual(column.kind, .text, what)
            guard case .text(_, let levels) = column.data else { return }
            XCTAssertEqual(levels, expected["levels"] as? [String], "\(what) levels")
            let texts = try XCTUnwrap(expected["texts"] as? [Any]).map { $0 as? String }
            for row in rows {
                XCTAssertEqual(column.text(at: row), codes[row] == nil ? nil : texts[row], "\(what) row \(row + 1)")
                XCTAssertEqual(column.levelValue(ofCode: code(column, row)), codes[row], "\(what) code in row \(row + 1)")
            }
        case "date":
            XCTAssertEqual(column.dateStyle, .date, what)
            XCTAssertEqual(rows.map { column.number(at: $0).flatMap { CalendarDate.text(days: $0) } }, values.map { $0 as? String }, what)
        case "datetime":
            XCTAssertEqual(column.dateStyle, .dateTime, what)
            assertClose(rows.map { column.number(at: $0).map { $0 * 86_400 } }, values.map { $0 as? Double }, what, tolerance: 1e-3)
        case "text":
            // An empty text is missing, as Stata treats it (haven keeps "").
            XCTAssertEqual(rows.map { column.text(at: $0) }, values.map { ($0 as? String).flatMap { $0.isEmpty ? nil : $0 } }, what)
        default:
            XCTFail("\(what): unknown type \(String(describing: expected["type"]))")
        }
    }

    private func code(_ column: Column, _ row: Int) -> Int32 {
        guard case .text(let codes, _) = column.data, row < codes.count else { return -1 }
        return codes[row]
    }

    private func assertClose(_ actual: [Double?], _ expected: [Double?], _ what: String, tolerance: Double = 1e-9,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            switch (a, e) {
            case (nil, nil): continue
            case let (a?, e?): XCTAssertEqual(a, e, accuracy: tolerance * max(1, Swift.abs(e)), "\(what) row \(i + 1)", file: file, line: line)
            default: XCTFail("\(what) row \(i + 1): \(String(describing: a)) vs \(String(describing: e))", file: file, line: line)
            }
        }
    }

    func testStataMissingCodesAreMissingAndCounted() throws {
        let table = try StatFileReader.read(bytes: try StatFiles.bytes("cohort.dta"), fileName: "cohort.dta")
        let age = try XCTUnwrap(table.column(named: "age"))
        // .a in row 3, . in row 6, .b in row 9.
        XCTAssertEqual((0..<age.count).filter { age.isMissing($0) }, [2, 5, 8])
    }

    func testSPSSUserMissingValuesAreMissing() throws {
        let table = try StatFileReader.read(bytes: try StatFiles.bytes("cohort.sav"), fileName: "cohort.sav")
        let sex = try XCTUnwrap(table.column(named: "sex"))
        // 9 is declared missing (and labelled Unknown): row 5 is missing and Unknown is no level.
        XCTAssertTrue(sex.isMissing(4))
        guard case .text(_, let levels) = sex.data else { return XCTFail("sex is not categorical") }
        XCTAssertEqual(levels, ["Male", "Female"])
        XCTAssertEqual(sex.levelValues, [1, 2])
        let age = try XCTUnwrap(table.column(named: "age"))
        XCTAssertEqual(age.kind, .number)
        XCTAssertEqual((0..<age.count).filter { age.isMissing($0) }, [2, 5, 8])
    }

    func testLabelledLevelsKeepTheirCodeOrder() throws {
        let table = try StatFileReader.read(bytes: try StatFiles.bytes("cohort.dta"), fileName: "cohort.dta")
        let arm = try XCTUnwrap(table.column(named: "arm"))
        guard case .text(_, let levels) = arm.data else { return XCTFail("arm is not categorical") }
        XCTAssertEqual(levels, ["Control", "Low dose", "High dose"])
        XCTAssertEqual(arm.levelValues, [0, 1, 2])
        let grade = try XCTUnwrap(table.column(named: "grade"))
        XCTAssertEqual(grade.levelValues, [1, 2, 3])
        XCTAssertEqual(table.name, "cohort")
    }

    func testAnExtensionNamesTheFormat() {
        XCTAssertEqual(StatFileFormat(fileName: "a.DTA"), .stata)
        XCTAssertEqual(StatFileFormat(fileName: "x.y.sav"), .spss)
        XCTAssertEqual(StatFileFormat(fileName: "t.zsav"), .spssCompressed)
        XCTAssertEqual(StatFileFormat(fileName: "t.por"), .spssPortable)
        XCTAssertEqual(StatFileFormat(fileName: "t.sas7bdat"), .sas)
        XCTAssertEqual(StatFileFormat(fileName: "t.xpt"), .sasTransport)
        XCTAssertNil(StatFileFormat(fileName: "t.csv"))
        XCTAssertNil(StatFileFormat(fileName: ".dta"))
    }
}

/// The fixture files, found beside the tests (they are shared by several test targets).
enum StatFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StatFiles")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("reference.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
