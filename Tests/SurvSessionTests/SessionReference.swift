import Foundation
import SurvResults
import XCTest
import SurvRender
@testable import SurvSession

/// Shared by the tests that type commands at a session and compare the results with R's values in
/// Reference/session.json (written by Reference/session.R).
class SessionReferenceTestCase: XCTestCase {
    var reference: [String: Any] = [:]

    override func setUpWithError() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "session", withExtension: "json"))
        reference = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func section(_ name: String) throws -> [String: Any] {
        try XCTUnwrap(reference[name] as? [String: Any], "no section \(name) in session.json")
    }

    func numbers(_ section: String, _ key: String) -> [Double] {
        ((reference[section] as? [String: Any])?[key] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
    }

    func strings(_ section: String, _ key: String) -> [String] {
        ((reference[section] as? [String: Any])?[key] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// Equal to R's value within 1e-6, relative (absolute below 1).
    func close(_ a: Double?, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a else { return XCTFail("\(what): missing, R gives \(b)", file: file, line: line) }
        XCTAssertTrue(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(what): \(a) vs R \(b)", file: file, line: line)
    }

    /// Runs a line and returns the last command's report; an error fails the test.
    func report(_ session: Session, _ line: String) throws -> Report {
        var last: Report?
        for outcome in session.run(line: line) {
            switch outcome.result {
            case .success(let r): last = r
            case .failure(let d): throw d
            }
        }
        return try XCTUnwrap(last)
    }
}
