import Foundation
import SurvCore
import XCTest
@testable import SurvData

/// `export` then `load` gives the table back: values, missing cells, value labels in code order, variable
/// labels and dates, for every fixture and both statistical formats.
final class ExportRoundTripTests: XCTestCase {
    private func assertSame(_ a: DataTable, _ b: DataTable, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rowCount, b.rowCount, what, file: file, line: line)
        XCTAssertEqual(a.columnNames, b.columnNames, what, file: file, line: line)
        for (x, y) in zip(a.columns, b.columns) {
            let column = "\(what): \(x.name)"
            XCTAssertEqual(x.label, y.label, column, file: file, line: line)
            XCTAssertEqual(x.levelValues, y.levelValues, column, file: file, line: line)
            XCTAssertEqual(x.dateStyle, y.dateStyle, column, file: file, line: line)
            switch (x.data, y.data) {
            case let (.number(u, um), .number(v, vm)):
                XCTAssertEqual(um, vm, column, file: file, line: line)
                for i in u.indices where !um[i] {
                    XCTAssertEqual(u[i], v[i], accuracy: 1e-9 * max(1, Swift.abs(u[i])), "\(column) row \(i + 1)", file: file, line: line)
                }
            case let (.text(c, l), .text(d, m)):
                XCTAssertEqual(c.map { $0 < 0 ? nil : l[Int($0)] }, d.map { $0 < 0 ? nil : m[Int($0)] }, column, file: file, line: line)
            default:
                XCTFail("\(column): \(x.kind) became \(y.kind)", file: file, line: line)
            }
        }
    }

    func testStataAndSPSSFilesRoundTrip() throws {
        for name in ["cohort.dta", "cohort_v8.dta", "cohort.sav", "cohort.xpt", "trial.dta"] {
            let original = try StatFileReader.read(bytes: try StatFiles.bytes(name), fileName: name)
            for format in [ExportFormat.stata, .spss] {
                let exported = try DataExport.encode(original, as: format)
                XCTAssertEqual(exported.renamed.count, 0, name)
                let back = try StatFileReader.read(bytes: exported.bytes, format: format == .stata ? .stata : .spss, name: original.name)
                assertSame(original, back, "\(name) as \(format)")
            }
        }
    }

    func testDerivedColumnsRoundTrip() throws {
        let days = [16_000.0, 16_100, 0, 17_000.25]
        let table = try DataTable(name: "t", columns: [
            Column(name: "when", data: .number(days, missing: [false, false, true, false]), label: "When", dateStyle: .dateTime),
            Column(name: "group", data: .text(codes: [0, 1, -1, 1], levels: ["a b", "c,\"d\""])),
            Column(name: "x", data: .number([1.5, -2, 1e-7, 3], missing: [false, false, false, false])),
            Column(name: "coded", data: .text(codes: [1, 0, 0, -1], levels: ["No", "Yes"]), label: "A flag", levelValues: [0, 1]),
        ])
        for format in [ExportFormat.stata, .spss] {
            let exported = try DataExport.encode(table, as: format)
            assertSame(table, try StatFileReader.read(bytes: exported.bytes, format: format == .stata ? .stata : .spss, name: "t"), "\(format)")
        }
    }

    func testLongTextGoesToStataLongStrings() throws {
        let long = String(repeating: "é", count: 1500)  // 3000 bytes, beyond str2045
        let table = try DataTable(name: "t", columns: [Column(name: "note", texts: [long, nil, "short"])])
        let back = try StatFileReader.read(bytes: try DataExport.encode(table, as: .stata).bytes, format: .stata, name: "t")
        XCTAssertEqual((0..<3).map { back.column(named: "note")?.text(at: $0) }, [long, nil, "short"])
    }

    func testNamesAreMadeValidForEachFormat() {
        XCTAssertEqual(ExportNames.names(for: ["ph.ecog", "wt loss", "2nd", "_x", "if", "a", "A", "HR (95%)"], format: .stata),
                       ["ph_ecog", "wt_loss", "v2nd", "_x", "if_", "a", "A_2", "HR__95__"])
        XCTAssertEqual(ExportNames.names(for: ["ph.ecog", "with", "x.", "_x", "a", "A", "é"], format: .spss),
                       ["ph.ecog", "with_", "x_", "v_x", "a", "A_2", "v_"])
        XCTAssertEqual(ExportNames.names(for: [String(repeating: "a", count: 40), String(repeating: "a", count: 41)], format: .stata),
                       [String(repeating: "a", count: 32), String(repeating: "a", count: 30) + "_2"])
    }

    func testCSVExportReadsBack() throws {
        let original = try StatFileReader.read(bytes: try StatFiles.bytes("cohort.dta"), fileName: "cohort.dta")
        let text = String(decoding: try DataExport.encode(original, as: .csv).bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "id,arm,sex,age,status,grade,diag,last,seen,center,weight")
        XCTAssertEqual(lines[1], "1,Control,Male,61.5,Dead,Low,2014-01-15,2015-02-19,2016-03-01 08:30:00,Paris,70.2")
        XCTAssertEqual(lines[3], "3,High dose,Female,,Dead,3,2015-07-31,2015-08-30,,Nantes,64.5")
        let back = try DelimitedTextReader.parse(Array(text.utf8), name: "cohort")
        XCTAssertEqual(back.rowCount, 12)
        XCTAssertEqual(texts(back, "arm"), (0..<12).map { original.column(named: "arm")?.text(at: $0) })
        XCTAssertEqual(numbers(back, "age"), (0..<12).map { original.column(named: "age")?.number(at: $0) })
    }
}
