import Foundation
import XCTest

/// Reference values computed by R (scripts beside the JSON files in `Oracle/`) and the data sets R computed on.
enum Oracle {
    /// The JSON document written by `Oracle/<name>.R`.
    static func json(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Oracle") else {
            XCTFail("missing oracle file Oracle/\(name).json", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            XCTFail("Oracle/\(name).json is not a JSON object", file: file, line: line)
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }

    /// A data set exported by `Oracle/export_datasets.R` (R's survival package data).
    static func dataset(_ name: String) throws -> OracleDataset {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Oracle/data") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try OracleDataset(csv: String(contentsOf: url, encoding: .utf8))
    }
}

/// A small CSV table as written by R's `write.csv` (quoted strings, `NA` for missing).
struct OracleDataset {
    var names: [String] = []
    var cells: [[String]] = []   // row-major, unquoted

    init(csv: String) throws {
        var lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        names = Self.split(lines.removeFirst())
        cells = lines.map(Self.split)
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { fields.append(field); field = "" } else { field.append(ch) }
        }
        fields.append(field)
        return fields
    }

    var rowCount: Int { cells.count }

    /// A numeric column; `nil` entries are R's NA.
    func numbers(_ column: String) -> [Double?] {
        guard let j = names.firstIndex(of: column) else { return [] }
        return cells.map { j < $0.count ? Double($0[j]) : nil }
    }

    /// A text column; `nil` entries are R's NA.
    func strings(_ column: String) -> [String?] {
        guard let j = names.firstIndex(of: column) else { return [] }
        return cells.map { j < $0.count && $0[j] != "NA" ? $0[j] : nil }
    }

    /// Rows where every named column is present (R's na.omit over those columns).
    func completeRows(_ columns: [String]) -> [Int] {
        let idx = columns.compactMap { names.firstIndex(of: $0) }
        return cells.indices.filter { r in idx.allSatisfy { cells[r].indices.contains($0) && cells[r][$0] != "NA" } }
    }
}

/// Relative agreement to 1e-6, or absolute 1e-9 near zero: the project's standard for matching R.
func XCTAssertMatchesR(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String = "",
                       rel: Double = 1e-6, abs absTol: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
    switch (actual, expected) {
    case (nil, nil): return
    case let (a?, e?):
        if a == e || (a.isNaN && e.isNaN) { return }
        let ok = Swift.abs(a - e) <= absTol || Swift.abs(a - e) <= rel * Swift.abs(e)
        XCTAssertTrue(ok, "\(what()): got \(a), R gives \(e)", file: file, line: line)
    default:
        XCTFail("\(what()): got \(String(describing: actual)), R gives \(String(describing: expected))", file: file, line: line)
    }
}
