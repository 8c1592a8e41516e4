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

/// A figure in a notebook keeps `set plot width` and `set plot ascii` as they were when it was drawn.
final class FigureCellTests: XCTestCase {
    func testNotebookFiguresFollowThePlotSettings() {
        let session = Session()
        let wide = session.runAndRender(line: "load aml; endpoint time, status; stratify by x; plot km").last?.text ?? ""
        XCTAssertLessThanOrEqual(wide.split(separator: "\n").map(\.count).max() ?? 0, 72)
        XCTAssertTrue(wide.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "braille by default")
        let narrow = session.runAndRender(line: "set plot width 50; set plot ascii; plot km").last?.text ?? ""
        XCTAssertLessThanOrEqual(narrow.split(separator: "\n").map(\.count).max() ?? 0, 50, narrow)
        XCTAssertTrue(narrow.unicodeScalars.allSatisfy(\.isASCII), narrow)
        // The transcript draws each figure as it was drawn then.
        let cells = session.transcript.compactMap { entry -> String? in
            guard case .command(let source, let output) = entry, source == "plot km" else { return nil }
            return CellText.text(output)
        }
        XCTAssertEqual(cells, [wide, narrow])
    }
}
