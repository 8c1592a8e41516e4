import XCTest
import SurvCore
@testable import SurvData

final class ISODateColumnTests: XCTestCase {
    func testAColumnOfISODatesIsAColumnOfDates() throws {
        let table = try parseCSV("id,diag,note\n1,2016-03-01,a\n2,,b\n3,2014-01-15,2014-01-15\n4,NA,2015-02-29\n")
        let diag = try XCTUnwrap(table.column(named: "diag"))
        XCTAssertEqual(diag.dateStyle, .date)
        XCTAssertEqual(numbers(table, "diag"), [16_861, nil, 16_085, nil])
        // Text beside a date, or a day that does not exist, leaves the column as text.
        XCTAssertNil(table.column(named: "note")?.dateStyle)
        XCTAssertEqual(texts(table, "note"), ["a", "b", "2014-01-15", "2015-02-29"])
    }

    func testOnlyTheStrictFormIsADate() throws {
        for cell in ["2016-3-01", "01/03/2016", "2016-03-01T10:00", "2016-03-01 10:00:00", "20160301", "2016-13-01"] {
            let table = try parseCSV("d\n2016-03-02\n\(cell)\n")
            XCTAssertNil(table.column(named: "d")?.dateStyle, cell)
        }
    }

    func testExportedDatesReadBackAsDates() throws {
        let original = try StatFileReader.read(bytes: try StatFiles.bytes("cohort.dta"), fileName: "cohort.dta")
        let back = try DelimitedTextReader.parse(try DataExport.encode(original, as: .csv).bytes, name: "cohort")
        for name in ["diag", "last"] {
            XCTAssertEqual(back.column(named: name)?.dateStyle, .date, name)
            XCTAssertEqual(numbers(back, name), (0..<12).map { original.column(named: name)?.number(at: $0) }, name)
        }
    }
}
