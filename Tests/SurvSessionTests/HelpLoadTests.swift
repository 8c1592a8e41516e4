import XCTest
import SurvData
@testable import SurvSession

/// `help load` lists every bundled data set with its description and source, within 80 columns.
final class HelpLoadTests: XCTestCase {
    func testHelpLoadListsEveryBundledDataSet() {
        let help = HelpText.text(for: "load")
        // The descriptions are wrapped, so compare with the line breaks and indentation folded to spaces.
        let flattened = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for name in BundledDatasets.names {
            let about = BundledDatasets.about(name) ?? "missing description"
            XCTAssertTrue(flattened.contains("\(name) \(about)"), "help load should describe \(name):\n\(help)")
        }
        XCTAssertTrue(help.hasPrefix("load DATASET"), help)
    }

    func testHelpLoadFitsIn80Columns() {
        for line in HelpText.text(for: "load").split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 80, String(line))
        }
    }

    func testOtherCommandsListNoDataSets() {
        XCTAssertFalse(HelpText.text(for: "km").contains("bundled data sets"))
    }
}
