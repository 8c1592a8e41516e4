import Foundation
import XCTest
@testable import SurvData

/// The bundled GRAALL cohort is the committed file in examples/graall, byte for byte, dictionary included.
final class BundledGraallTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/graall")

    private var bundled: BundledDataset? { BundledDataset.catalog.first { $0.name == "graall" } }

    func testBundledCopyIsTheCommittedFile() throws {
        let csv = try String(contentsOf: Self.folder.appendingPathComponent("graall-SYNTHETIC.csv"), encoding: .utf8)
        XCTAssertEqual(try XCTUnwrap(bundled).csv, csv, "run `make graall-embed` after changing examples/graall")
    }

    func testBundledDictionaryIsTheCommittedOne() throws {
        let dictionary = try String(contentsOf: Self.folder.appendingPathComponent("DICTIONARY.md"), encoding: .utf8)
        XCTAssertEqual(BundledDatasets.dictionary("graall"), dictionary, "run `make graall-embed` after editing the dictionary")
    }

    func testItSaysWhatItIs() throws {
        let about = try XCTUnwrap(BundledDatasets.about("graall"))
        XCTAssertTrue(about.hasPrefix("SYNTHETIC"), about)
        XCTAssertTrue(about.contains("not real patients"), about)
        XCTAssertTrue(try XCTUnwrap(BundledDatasets.notice("graall")).contains("not real patients"))
        XCTAssertEqual(BundledDatasets.endpoints("graall"), [
            BundledEndpoint(name: "os", time: "os_months", event: "os_event"),
            BundledEndpoint(name: "rfs", time: "rfs_months", event: "rfs_event"),
        ])
        let table = try BundledDatasets.load("graall")
        XCTAssertEqual(table.rowCount, 73)
        XCTAssertTrue((0..<73).allSatisfy { table.column(named: "synthetic")?.number(at: $0) == 1 })
    }

    func testFactorLevelsFollowTheirMeaning() throws {
        let table = try BundledDatasets.load("graall")
        guard case .text(_, let classes)? = table.column(named: "mrd_class")?.data else { return XCTFail() }
        XCTAssertEqual(classes, ["<0.1%", "0.1-1%", ">1%"])
        guard case .text(_, let cyto)? = table.column(named: "cyto")?.data else { return XCTFail() }
        XCTAssertEqual(cyto.first, "other")
    }
}
