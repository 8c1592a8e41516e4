import Foundation
import SurvResults
import SurvSession
import XCTest
@testable import SurvNotebook

/// The transcript keeps results without their data-long arrays; a saved notebook must print exactly what
/// the full result printed at the prompt.
final class TranscriptCompactionTests: XCTestCase {
    func testCompactedResultsDrawTheSameText() {
        let session = Session()
        let lines = ["load lung", "endpoint time, status", "stratify by sex", "km", "km at 180, 365", "km quantile 0.25", "km at 100 wide",
                     "km table", "logrank", "followup", "rmst at 365", "stratify none", "cox age + sex + ph.ecog", "phtest",
                     "cox age * sex", "plot km", "plot zph", "plot cox", "set digits 5", "km", "cox age"]
        var compared = 0
        for line in lines {
            _ = session.run(line: line, afterEach: { outcome in
                guard case .success(let report) = outcome.result else { return XCTFail("\(line) failed") }
                let presentation = session.settings.presentation
                XCTAssertEqual(CellText.result(report.compactedForTranscript, presentation), CellText.result(report, presentation), line)
                compared += 1
            })
        }
        XCTAssertEqual(compared, lines.count)
    }

    func testTheTranscriptHoldsNoDataLongArrays() {
        let session = Session()
        _ = session.run(line: "load lung; endpoint time, status; km; cox age + sex; phtest")
        for entry in session.transcript {
            guard case .command(_, .result(let report, _)) = entry else { continue }
            switch report {
            case .kaplanMeier(let r): XCTAssertTrue(r.strata.allSatisfy { $0.curve.time.isEmpty })
            case .cox(let r): XCTAssertTrue(r.fit.linearPredictor.isEmpty)
            case .phtest(let r): XCTAssertTrue(r.test.residuals.values.isEmpty)
            default: break
            }
        }
    }
}
