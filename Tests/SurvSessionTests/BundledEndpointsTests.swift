import XCTest
import SurvData
import SurvRender
import SurvResults
@testable import SurvSession

/// `load graall` says the data are synthetic and declares its endpoints.
final class BundledEndpointsTests: XCTestCase {
    private func report(_ session: Session, _ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Report? {
        guard let outcome = session.run(line: line).last else { XCTFail("no outcome", file: file, line: number); return nil }
        switch outcome.result {
        case .success(let report): return report
        case .failure(let diagnostic): XCTFail("\(line): \(diagnostic.message)", file: file, line: number); return nil
        }
    }

    private func text(_ session: Session, _ line: String) -> String {
        report(session, line).map { TextRenderer().render($0) } ?? ""
    }

    func testLoadingGraallDeclaresItsEndpointsAndSaysItIsSynthetic() {
        let session = Session()
        let printed = text(session, "load graall")
        XCTAssertTrue(printed.hasPrefix("loaded graall: 73 rows"), printed)
        XCTAssertTrue(printed.contains("SYNTHETIC data: reconstructed from the paper's published summaries, not real patients"), printed)
        XCTAssertTrue(printed.contains("endpoint os = Surv(os_months, os_event): 73 rows with an outcome"), printed)
        XCTAssertTrue(printed.contains("endpoint rfs = Surv(rfs_months, rfs_event): 61 rows with an outcome"), printed)
        XCTAssertTrue(printed.hasSuffix("endpoint in use: os (switch with: endpoint rfs)"), printed)
        XCTAssertEqual(session.currentEndpoint, "os")
        XCTAssertEqual(Set(session.endpoints.keys), ["os", "rfs"])
        XCTAssertTrue(text(session, "endpoint rfs").hasPrefix("endpoint rfs = Surv(rfs_months, rfs_event)"))
        XCTAssertNotNil(report(session, "km at 36"))
    }

    func testOtherDataSetsDeclareNothing() {
        let session = Session()
        XCTAssertFalse(text(session, "load aml").contains("endpoint"))
        XCTAssertNil(session.currentEndpoint)
        XCTAssertTrue(session.endpoints.isEmpty)
    }

    func testLoadingAnotherDataSetClearsTheDeclaredEndpoints() {
        let session = Session()
        _ = text(session, "load graall")
        _ = text(session, "load aml")
        XCTAssertNil(session.currentEndpoint)
        XCTAssertTrue(session.endpoints.isEmpty)
    }
}
