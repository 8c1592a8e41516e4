import Foundation
import XCTest
@testable import SurvData

/// The embedded copies of R's data sets against every value R holds (Reference/bundled_datasets.R).
final class BundledDatasetsTests: XCTestCase {
    private func reference() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Reference/bundled_datasets.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try XCTUnwrap(object as? [String: Any])
    }

    func testNames() {
        XCTAssertEqual(BundledDatasets.names, ["aml", "lung", "veteran", "pbc", "colon", "ovarian", "mgus2", "melanoma", "myeloid", "heart", "bladder2", "graall"])
        XCTAssertNotNil(BundledDatasets.about("lung"))
        XCTAssertNil(BundledDatasets.about("graal"))
    }

    func testUnknownNameIsAnError() {
        XCTAssertThrowsError(try BundledDatasets.load("nope")) { error in
            XCTAssertEqual((error as? DataError)?.message, "there is no bundled data set named 'nope'")
            XCTAssertEqual((error as? DataError)?.hint, "bundled data sets: aml, lung, veteran, pbc, colon, ovarian, mgus2, melanoma, myeloid, heart, bladder2, graall")
        }
    }

    func testEveryValueMatchesR() throws {
        let reference = try reference()
        // The reference describes every bundled set and nothing else, so a set added to the bundle
        // without its reference (or the other way round) fails here.
        XCTAssertEqual(Set(reference.keys).subtracting(["survival"]), Set(BundledDatasets.names))
        var comparisons = 0, expectedComparisons = 0
        for name in BundledDatasets.names {
            let table = try BundledDatasets.load(name)
            XCTAssertEqual(table.name, name)
            let expected = try XCTUnwrap(reference[name] as? [String: Any], name)
            XCTAssertEqual(table.rowCount, expected["nrow"] as? Int, name)
            let columns = try XCTUnwrap(expected["columns"] as? [[String: Any]])
            XCTAssertEqual(table.columnNames, columns.compactMap { $0["name"] as? String }, name)
            expectedComparisons += (expected["nrow"] as? Int ?? 0) * columns.count
            for spec in columns {
                let columnName = try XCTUnwrap(spec["name"] as? String)
                let column = try XCTUnwrap(table.column(named: columnName), columnName)
                let values = try XCTUnwrap(spec["values"] as? [Any])
                XCTAssertEqual(column.count, values.count)
                if spec["kind"] as? String == "text" {
                    guard case .text(_, let levels) = column.data else { XCTFail("\(columnName) should be text"); continue }
                    XCTAssertEqual(levels, spec["levels"] as? [String], columnName)
                    for (row, value) in values.enumerated() {
                        XCTAssertEqual(column.text(at: row), value as? String, "\(name).\(columnName)[\(row)]")
                        comparisons += 1
                    }
                } else {
                    XCTAssertEqual(column.kind, .number, columnName)
                    var missing = 0
                    var sum = 0.0
                    for (row, value) in values.enumerated() {
                        // Written as text by the R script and read with Double(), which rounds correctly.
                        let expectedValue = (value as? String).flatMap(Double.init)
                        XCTAssertTrue(value is NSNull || expectedValue != nil, "\(name).\(columnName)[\(row)]: \(value)")
                        XCTAssertEqual(column.number(at: row), expectedValue, "\(name).\(columnName)[\(row)]")
                        if let actual = column.number(at: row) { sum += actual } else { missing += 1 }
                        comparisons += 1
                    }
                    XCTAssertEqual(missing, spec["missing"] as? Int, columnName)
                    XCTAssertEqual(sum, (spec["sum"] as? NSNumber)?.doubleValue ?? .nan, accuracy: 1e-9, columnName)
                }
            }
        }
        XCTAssertEqual(comparisons, expectedComparisons)
        XCTAssertEqual(comparisons, 23 * 3 + 228 * 11 + 137 * 8 + 418 * 21 + 929 * 15 + 26 * 6 + 1384 * 13 + 205 * 7 + 646 * 8 + 172 * 8 + 178 * 8 + 73 * 47)
    }

    func testLungDeadIsStatusMinusOne() throws {
        let lung = try BundledDatasets.load("lung")
        let status = numbers(lung, "status"), dead = numbers(lung, "dead")
        XCTAssertEqual(dead, status.map { $0.map { $0 - 1 } })
        XCTAssertEqual(Set(dead.compactMap { $0 }), [0, 1])
    }

    func testPbcDeadIsStatusTwo() throws {
        let pbc = try BundledDatasets.load("pbc")
        let status = numbers(pbc, "status"), dead = numbers(pbc, "dead")
        XCTAssertEqual(dead, status.map { $0.map { $0 == 2 ? 1 : 0 } })
    }

    /// The text a bundled set carries must not make the program much larger: the whole bundle stays
    /// under 250 kB of CSV.
    func testBundleStaysSmall() {
        XCTAssertLessThan(BundledDataset.catalog.map(\.csv.utf8.count).reduce(0, +), 250_000)
    }
}
