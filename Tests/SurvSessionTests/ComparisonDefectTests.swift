import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvLanguage
import SurvRender
@testable import SurvSession

/// Defects found by running random data sets through surv and R side by side: each once gave a wrong or
/// misleading answer, or none where R gives one (the R-checked numbers are in FilteredRowsAgainstRTests).
final class ComparisonDefectTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-defects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func outcome(_ s: Session, _ line: String) -> Result<Report, Diagnostic>? { s.run(line: line).last?.result }

    func error(_ s: Session, _ line: String) -> Diagnostic? {
        if case .failure(let d)? = outcome(s, line) { return d }
        return nil
    }

    func session(csv: String) throws -> Session {
        try csv.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let s = Session(baseDirectory: folder)
        for outcome in s.run(line: "load \"data.csv\"; endpoint time, status") {
            if case .failure(let d) = outcome.result { XCTFail("setup: \(d.message)") }
        }
        return s
    }

    func testSetLevelAcceptsEveryLevelItsMessageAllows() {
        let s = Session()
        guard case .success(.message(let text))? = outcome(s, "set level 99.9") else { return XCTFail("99.9 refused") }
        XCTAssertTrue(text.contains("CI log 99.9%"), text)
        XCTAssertEqual(s.settings.level, 0.999, accuracy: 1e-12)
        XCTAssertNotNil(outcome(s, "set level 0.999").flatMap { try? $0.get() })
        XCTAssertNotNil(outcome(s, "set level 50").flatMap { try? $0.get() })
        for refused in ["99.91", "49.9", "100", "0.9991", "0.49"] {
            let before = s.settings
            XCTAssertEqual(error(s, "set level \(refused)")?.message, "the confidence level must be from 0.5 to 0.999 (or 50 to 99.9)", refused)
            XCTAssertEqual(s.settings, before, refused)
        }
    }

    func testCoxOnOneRowIsRefusedNotReportedAsCertain() throws {
        let s = try session(csv: "time,status,x\n5,1,3\n")
        XCTAssertEqual(error(s, "cox x")?.message, "a Cox model needs at least 2 rows, and only 1 is left")
        XCTAssertTrue(s.lastCox == nil)
    }

    func testCoxWithoutAnyComparableEventIsRefused() throws {
        // The only event is last: nobody else is at risk then, so the likelihood is flat (R prints se 0).
        let s = try session(csv: "time,status,x\n1,0,1\n2,0,2\n3,1,5\n")
        XCTAssertEqual(error(s, "cox x")?.message.hasPrefix("no coefficient can be estimated"), true)
        XCTAssertTrue(s.lastCox == nil)
    }

    func testPhtestNamesTheModelItTestsAfterALaterCoxFailed() throws {
        let s = Session()
        _ = s.run(line: "load lung; endpoint time, status; cox age + sex")
        XCTAssertNotNil(error(s, "cox age + log(age - 60)"))
        guard case .success(let report)? = outcome(s, "phtest"), case .phtest(let ph) = report else { return XCTFail("phtest failed") }
        XCTAssertEqual(ph.model, "cox age + sex")
        let text = TextRenderer().render(report)
        XCTAssertTrue(text.contains("\nmodel: cox age + sex (n = 228, events = 165)\n"), text)
        let json = JSONRenderer.line(command: "phtest", line: 1, report: report)
        XCTAssertTrue(json.contains("\"model\":\"cox age + sex\""), json)
        // A new model that fits replaces it.
        _ = s.run(line: "cox age")
        guard case .success(.phtest(let again))? = outcome(s, "phtest") else { return XCTFail() }
        XCTAssertEqual(again.model, "cox age")
    }

    func testTooManyCoefficientsAreRefusedBeforeAnythingIsBuilt() throws {
        // Six text columns of 100 levels each: 594 indicator columns, past the cap of 500.
        var csv = "time,status,a,b,c,d,e,f\n"
        for i in 0..<200 {
            let levels = (0..<6).map { "L\((i + 13 * $0) % 100)" }.joined(separator: ",")
            csv += "\(i % 37 + 1),\(i % 3 == 0 ? 0 : 1),\(levels)\n"
        }
        let s = try session(csv: csv)
        let started = Date()
        let d = error(s, "cox a + b + c + d + e + f")
        XCTAssertEqual(d?.message, "this model would have 594 coefficients; at most 500 can be fitted")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused before fitting")
        XCTAssertTrue(s.lastCox == nil)
        guard case .success(.cox)? = outcome(s, "cox a") else { return XCTFail("a model under the cap still fits") }
    }

    /// Five 100-level factors on 102,000 rows: 495 coefficients, within the cap, but a design of 50.5 million
    /// numbers (each copy 400 MB; 300,000 such rows took 2.4 GB and a minute). Refused before it is built.
    func testADesignTooLargeForMemoryIsRefusedBeforeItIsBuilt() throws {
        var csv = "time,status,a,b,c,d,e\n"
        csv.reserveCapacity(102_000 * 30)
        for i in 0..<102_000 {
            csv += "\(i % 97 + 1),\(i % 3 == 0 ? 0 : 1),L\(i % 100),M\((i / 100) % 100),N\((i * 7) % 100),P\((i * 11) % 100),Q\((i * 13) % 100)\n"
        }
        let s = try session(csv: csv)
        let d = error(s, "cox a + b + c + d + e")
        XCTAssertEqual(d?.message, "this model would hold 102000 rows × 495 coefficients = 50.5 million numbers; at most 50 million can be fitted")
        XCTAssertTrue(s.lastCox == nil)
    }
}
