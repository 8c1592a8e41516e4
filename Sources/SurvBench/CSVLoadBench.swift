import Foundation
import SurvData

/// Times `DelimitedTextReader.read(path:)` on a clinical-shaped file: an integer id, 8 numeric columns
/// (time, age, 6 covariates), a 0/1 event and 2 short categorical columns (a 3-level arm, sex); times
/// follow proportional hazards in all nine covariates. The files are written once
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
        // Proportional hazards on the covariates, with a baseline that differs by arm: the whole-job
        // benchmark fits this file, and a Cox model on pure noise converges unrealistically fast.
        let effects = [0.3, -0.005, 0.1, 0.0, -0.2, 0.003]
        for i in 0..<rows {
            let age = 40 + 40 * rng.uniform()
            let arm = Int(rng.next() % 3)
            let sex = Int(rng.next() % 2)
            let covariates = (0..<6).map { j in j % 2 == 0 ? rng.normal() : rng.uniform() * 100 }
            var linearPredictor = 0.02 * (age - 60) + 0.25 * Double(arm) + 0.2 * Double(sex)
            for j in 0..<6 { linearPredictor += effects[j] * (j % 2 == 0 ? covariates[j] : covariates[j] - 50) }
            let eventTime = -log(rng.uniform()) * 400 / exp(linearPredictor)
            let censorTime = -log(rng.uniform()) * 900
            appendFixed(Double(i + 1), decimals: 0, to: &out)
            out.append(UInt8(ascii: ","))
            number(max(0.1, min(eventTime, censorTime)), decimals: 1)
            out.append(UInt8(ascii: ","))
            out.append(eventTime <= censorTime ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            out.append(UInt8(ascii: ","))
            number(age, decimals: 1)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: arms[arm])
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: sexes[sex])
            for j in 0..<6 {
                out.append(UInt8(ascii: ","))
                if lateText && j == 5 && i == rows - 1 {
                    out.append(contentsOf: Array("unknown".utf8))
                } else {
                    number(covariates[j], decimals: j % 2 == 0 ? 4 : 2)
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
