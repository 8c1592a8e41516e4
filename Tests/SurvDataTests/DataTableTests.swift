import XCTest
@testable import SurvData

final class DataTableTests: XCTestCase {
    private func sample() throws -> DataTable {
        try DataTable(name: "s", columns: [
            Column(name: "time", numbers: [5, nil, 7]),
            Column(name: "arm", texts: ["B", "A", nil]),
        ])
    }

    func testColumnAccessors() throws {
        let table = try sample()
        let time = try XCTUnwrap(table.column(named: "time"))
        let arm = try XCTUnwrap(table.column(named: "arm"))
        XCTAssertEqual(time.kind, .number)
        XCTAssertEqual(arm.kind, .text)
        XCTAssertEqual(time.count, 3)
        XCTAssertEqual((0..<3).map(time.isMissing), [false, true, false])
        XCTAssertEqual((0..<3).map(arm.isMissing), [false, false, true])
        XCTAssertEqual(time.number(at: 2), 7)
        XCTAssertNil(time.number(at: 1))
        XCTAssertNil(time.text(at: 0))
        XCTAssertEqual(arm.text(at: 0), "B")
        XCTAssertNil(arm.number(at: 0))
        XCTAssertEqual(arm.data, .text(codes: [1, 0, -1], levels: ["A", "B"]))
        // Rows that do not exist read as missing rather than trapping.
        for row in [-1, 3, Int.max] {
            XCTAssertTrue(time.isMissing(row))
            XCTAssertNil(time.number(at: row))
            XCTAssertNil(arm.text(at: row))
        }
        XCTAssertNil(table.column(named: "nope"))
        XCTAssertEqual(table.rowCount, 3)
        XCTAssertEqual(table.columnNames, ["time", "arm"])
    }

    func testInconsistentHandBuiltDataDoesNotTrap() {
        let column = Column(name: "x", data: .text(codes: [0, 5, -3], levels: ["a"]))
        XCTAssertEqual(column.text(at: 0), "a")
        XCTAssertNil(column.text(at: 1))
        XCTAssertNil(column.text(at: 2))
        let numbers = Column(name: "y", data: .number([1, 2], missing: [false]))
        XCTAssertEqual(numbers.count, 1)
        XCTAssertNil(numbers.number(at: 1))
    }

    func testSelectingRows() throws {
        let table = try sample()
        let picked = table.selecting(rows: [2, 0, 0, 9, -1])
        XCTAssertEqual(picked.name, "s")
        XCTAssertEqual(picked.rowCount, 5)
        XCTAssertEqual(numbers(picked, "time"), [7, 5, 5, nil, nil])
        XCTAssertEqual(texts(picked, "arm"), [nil, "B", "B", nil, nil])
        // Levels are kept even when a level no longer occurs, as R's subsetting of a factor does.
        if case .text(_, let levels) = picked.column(named: "arm")?.data { XCTAssertEqual(levels, ["A", "B"]) }
        XCTAssertEqual(table.selecting(rows: []).rowCount, 0)
    }

    func testSetColumnAddsReplacesAndChecksLength() throws {
        var table = try sample()
        try table.setColumn(Column(name: "dead", numbers: [1, 0, 1]))
        XCTAssertEqual(table.columnNames, ["time", "arm", "dead"])
        try table.setColumn(Column(name: "time", numbers: [1, 2, 3]))
        XCTAssertEqual(table.columnNames, ["time", "arm", "dead"])
        XCTAssertEqual(numbers(table, "time"), [1, 2, 3])
        XCTAssertThrowsError(try table.setColumn(Column(name: "short", numbers: [1]))) { error in
            XCTAssertEqual((error as? DataError)?.message, "column 'short' has 1 rows but table 's' has 3")
        }
        XCTAssertThrowsError(try table.setColumn(Column(name: "time", numbers: [1]))) { error in
            XCTAssertEqual((error as? DataError)?.message, "column 'time' has 1 rows but table 's' has 3")
        }
        var empty = DataTable(name: "e")
        try empty.setColumn(Column(name: "x", numbers: [1, 2]))
        XCTAssertEqual(empty.rowCount, 2)
        try empty.setColumn(Column(name: "x", numbers: [1, 2, 3, 4]))
        XCTAssertEqual(empty.rowCount, 4)
    }

    func testInitRejectsDuplicatesAndUnequalLengths() {
        XCTAssertThrowsError(try DataTable(name: "d", columns: [Column(name: "a", numbers: [1]), Column(name: "a", numbers: [2])])) { error in
            XCTAssertEqual((error as? DataError)?.message, "duplicate column name 'a'")
        }
        XCTAssertThrowsError(try DataTable(name: "d", columns: [Column(name: "a", numbers: [1]), Column(name: "b", numbers: [2, 3])]))
    }

    func testIdentifierRule() {
        for name in ["x", "_x", "ph.ecog", "A1", "wt_loss", "a.b.c"] { XCTAssertTrue(Column.isIdentifier(name), name) }
        for name in ["", "1x", ".x", "wt loss", "a-b", "é", "x y", "a$b"] { XCTAssertFalse(Column.isIdentifier(name), name) }
    }
}
