import Foundation
import SurvCore
import XCTest
@testable import SurvResults

/// Results are plain values: what a caller encodes is what it decodes, so a result can be stored (a
/// notebook's transcript) and drawn later by any renderer.
final class ReportCodingTests: XCTestCase {
    func roundTrip(_ report: Report, file: StaticString = #filePath, line: UInt = #line) throws {
        // A curve's standard errors are infinite where it reaches 0; JSON has no such number.
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Inf", negativeInfinity: "-Inf", nan: "NaN")
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Inf", negativeInfinity: "-Inf", nan: "NaN")
        let data = try encoder.encode(report)
        XCTAssertEqual(try decoder.decode(Report.self, from: data), report, file: file, line: line)
    }

    func testAKaplanMeierReportSurvivesEncoding() throws {
        let curve = try KaplanMeierCurve.fit(time: [1, 2, 2, 3, 5, 8], event: [true, true, false, true, false, true])
        let stratum = KaplanMeierStratum(label: "all", curve: curve, median: curve.median, at: curve.summary(at: [2]),
                                         quantiles: [curve.quantile(0.25)])
        let conventions = Conventions(profile: "r", transform: .log, level: 0.95, ties: .efron)
        try roundTrip(.kaplanMeier(KaplanMeierReport(endpoint: "Surv(t, e)", strata: [stratum], times: [2],
                                                     rows: RowAccounting(kept: 6, droppedMissing: 0),
                                                     conventions: conventions, fullTable: false)))
    }

    func testStateAndMessagesSurviveEncoding() throws {
        let conventions = Conventions(profile: "stata", transform: .logLog, level: 0.9, ties: .breslow)
        try roundTrip(.state(StateReport(dataset: "aml", rows: 23, kept: 12, filters: ["x == 1"], endpoint: nil, endpoints: [],
                                         strata: ["x"], conventions: conventions, digits: 4,
                                         references: [ReferenceChoice(column: "x", level: "Maintained")])))
        try roundTrip(.message("loaded aml: 23 rows"))
    }

    func testAnAboutReportSurvivesEncoding() throws {
        try roundTrip(.about(AboutReport(dataset: "graall", about: "SYNTHETIC", endpoints: [
            AboutReport.DeclaredEndpoint(name: "os", time: "os_months", event: "os_event"),
        ], dictionary: "# graall\n")))
        try roundTrip(.about(AboutReport(dataset: "aml", about: "AML", endpoints: [], dictionary: nil)))
    }
}
