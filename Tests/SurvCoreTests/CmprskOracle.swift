import Foundation
import XCTest
@testable import SurvCore

/// The inputs and reference values written by `Oracle/cmprsk.R` (R's cmprsk 2.2-11).
struct CmprskOracle {
    let document: [String: Any]

    init() throws {
        document = try Oracle.json("cmprsk")
    }

    func section(_ name: String) throws -> [[String: Any]] {
        try XCTUnwrap(document[name] as? [[String: Any]], "cmprsk.json has no \(name)")
    }

    func input(_ name: String) throws -> [String: Any] {
        let inputs = try XCTUnwrap(document["inputs"] as? [String: Any])
        return try XCTUnwrap(inputs[name] as? [String: Any], "cmprsk.json has no input \(name)")
    }

    /// The input's time and status read with its event and competing codes.
    func data(_ name: String) throws -> CompetingRisksData {
        let d = try input(name)
        return try CompetingRisksData(time: Self.doubles(d["time"]), status: Self.ints(d["status"]),
                                      event: try XCTUnwrap(d["event"] as? Int), competing: Self.ints(d["competing"]))
    }

    func codes(_ name: String, _ key: String) throws -> [Int]? {
        let d = try input(name)
        guard let value = d[key], !(value is NSNull) else { return nil }
        return Self.ints(value)
    }

    /// A numeric vector; `nil` entries are R's NA. Times apart by rounding noise come as 17-digit strings.
    static func optionals(_ any: Any?) -> [Double?] {
        func one(_ v: Any) -> Double? { (v as? NSNumber)?.doubleValue ?? (v as? String).flatMap(Double.init) }
        if let array = any as? [Any] { return array.map(one) }
        if let any, !(any is NSNull) { return [one(any)] }
        return []
    }

    static func doubles(_ any: Any?) -> [Double] { optionals(any).map { $0 ?? .nan } }
    static func ints(_ any: Any?) -> [Int] { optionals(any).map { Int($0 ?? -1) } }
}

/// Counts comparisons so that a test that silently compared nothing fails.
final class CmprskComparison {
    private(set) var count = 0

    func check(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
               file: StaticString = #filePath, line: UInt = #line) {
        count += 1
        XCTAssertMatchesR(actual, expected, what(), file: file, line: line)
    }

    func check(_ actual: [Double?], _ expected: [Double?], _ what: String,
               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "\(what): length", file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() { check(a, e, "\(what)[\(i)]", file: file, line: line) }
    }
}
