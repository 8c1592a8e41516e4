import Foundation
import SurvData

/// Times `DelimitedTextReader.read(path:)` on a clinical-shaped file: an integer id, 8 numeric columns
/// (time, age, 6 covariates), a 0/1 event and 2 short categorical columns. The files are written once
/// to a temporary folder, outside the timing, and removed afterwards.
enum CSVLoadBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-csv-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var results: [(name: String, seconds: Double)] = []
        let variants: [(label: String, fullPrecision: Bool, lateText: Bool)] = [
            ("rounded decimals", false, false),
            ("17-digit doubles", true, false),
            ("a column turns text on its last row", false, true),
        ]
        for variant in variants {
            let path = folder.appendingPathComponent("cohort.csv").path
            let size = try writeCohort(rows: rows, path: path, fullPrecision: variant.fullPrecision,
                                       lateText: variant.lateText)
            let start = DispatchTime.now().uptimeNanoseconds
            let table = try DelimitedTextReader.read(path: path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard table.rowCount == rows, table.columns.count == 12 else {
                throw DataError("benchmark file read back as \(table.rowCount)×\(table.columns.count)")
            }
            let megabytes = Double(size) / 1_048_576
            results.append((name: "CSV load \(rows)×12, \(variant.label) (\(Int(megabytes.rounded())) MB)",
                            seconds: seconds))
        }
        return results
    }

    /// Writes the file and returns its size in bytes.
    static func writeCohort(rows: Int, path: String, fullPrecision: Bool, lateText: Bool) throws -> Int {
        var rng = SplitMix64(seed: 20_221_125)
        var out: [UInt8] = []
        out.reserveCapacity(rows * (fullPrecision ? 200 : 80))
        out.append(contentsOf: Array("id,time,event,age,arm,sex,x1,x2,x3,x4,x5,x6\n".utf8))
        let arms = ["A", "B", "C"].map { Array($0.utf8) }
        let sexes = ["female", "male"].map { Array($0.utf8) }
        func number(_ value: Double, decimals: Int) {
            if fullPrecision {
                out.append(contentsOf: Array("\(value)".utf8))
            } else {
                appendFixed(value, decimals: decimals, to: &out)
            }
        }
        for i in 0..<rows {
            appendFixed(Double(i + 1), decimals: 0, to: &out)
            out.append(UInt8(ascii: ","))
            number(-log(rng.uniform()) * 400, decimals: 1)
            out.append(UInt8(ascii: ","))
            out.append(rng.uniform() < 0.7 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            out.append(UInt8(ascii: ","))
            number(40 + 40 * rng.uniform(), decimals: 1)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: arms[Int(rng.next() % 3)])
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: sexes[Int(rng.next() % 2)])
            for j in 0..<6 {
                out.append(UInt8(ascii: ","))
                if lateText && j == 5 && i == rows - 1 {
                    out.append(contentsOf: Array("unknown".utf8))
                } else if j % 2 == 0 {
                    number(rng.normal(), decimals: 4)
                } else {
                    number(rng.uniform() * 100, decimals: 2)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return out.count
    }

    /// `value` with a fixed number of decimals, without Foundation's formatter (too slow for 10⁷ cells).
    private static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = Int64((abs(value) * scale).rounded())
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(scaled % 10))
            scaled /= 10
        } while scaled > 0 || digits.count <= decimals
        for (k, digit) in digits.reversed().enumerated() {
            if decimals > 0 && k == digits.count - decimals { out.append(UInt8(ascii: ".")) }
            out.append(digit)
        }
    }
}
