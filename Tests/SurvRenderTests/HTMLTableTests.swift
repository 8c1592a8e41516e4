import XCTest
@testable import SurvRender

final class HTMLTableTests: XCTestCase {
    /// A level row of table1 has no p cell; on the page it still spans every column, so its rule is whole.
    func testARowShorterThanTheHeaderIsPaddedWithEmptyCells() {
        var table = TextTable(["by arm", "A", "B", "p"])
        table.append(["sex, n (%)", "", "", "0.060 C"])
        table.append(["  F", "3 (30%)", "4 (40%)"])
        let html = HTMLRenderer.html(table)
        let rows = html.components(separatedBy: "<tr>").dropFirst()
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            let cells = row.components(separatedBy: "<th").count - 1 + row.components(separatedBy: "<td").count - 1
            XCTAssertEqual(cells, 4, row)
        }
    }
}
