import Foundation
import XCTest
@testable import SurvCore

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

/// A cox.zph result against R's (the `zph.R` / `zph_counting.R` layout): each term's and the global test,
/// and the scaled Schoenfeld residuals with their times. `names` are surv's term names as R spells them.
func XCTAssertPHTestMatchesR(_ zph: ProportionalHazardsTest, names: [String], _ expected: [String: Any], key: String,
                             file: StaticString = #filePath, line: UInt = #line) {
    typealias C = CoxModelCases
    XCTAssertEqual(names, C.strings(expected["terms"]), "\(key) terms", file: file, line: line)
    let chisq = C.numbers(expected["chisq"]), df = C.numbers(expected["df"]), p = C.numbers(expected["p"])
    XCTAssertEqual(zph.terms.count, chisq.count, "\(key) number of terms", file: file, line: line)
    for (k, term) in zph.terms.enumerated() where k < chisq.count {
        XCTAssertMatchesR(term.chisq, chisq[k], "\(key) \(term.name) chisq", file: file, line: line)
        XCTAssertMatchesR(term.df, df[k], "\(key) \(term.name) df", file: file, line: line)
        XCTAssertMatchesR(term.p, p[k], "\(key) \(term.name) p", file: file, line: line)
    }
    let global = expected["global"] as? [String: Any]
    XCTAssertMatchesR(zph.global.chisq, C.number(global?["chisq"]), "\(key) global chisq", file: file, line: line)
    XCTAssertMatchesR(zph.global.df, C.number(global?["df"]), "\(key) global df", file: file, line: line)
    XCTAssertMatchesR(zph.global.p, C.number(global?["p"]), "\(key) global p", file: file, line: line)

    let times = C.numbers(expected["time"]), x = C.numbers(expected["x"])
    XCTAssertEqual(zph.residuals.time.count, times.count, "\(key) residual rows", file: file, line: line)
    for (e, t) in times.enumerated() where e < zph.residuals.time.count {
        XCTAssertMatchesR(zph.residuals.time[e], t, "\(key) time[\(e)]", file: file, line: line)
        XCTAssertMatchesR(zph.residuals.transformedTime[e], x[e], "\(key) x[\(e)]", file: file, line: line)
    }
    let y = (expected["y"] as? [Any])?.map { C.numbers($0) } ?? []
    XCTAssertEqual(zph.residuals.values.count, y.count, "\(key) residual columns", file: file, line: line)
    for (c, column) in y.enumerated() where c < zph.residuals.values.count {
        for (e, v) in column.enumerated() where e < zph.residuals.values[c].count {
            XCTAssertMatchesR(zph.residuals.values[c][e], v, "\(key) y[\(e),\(c)]", file: file, line: line)
        }
    }
}
