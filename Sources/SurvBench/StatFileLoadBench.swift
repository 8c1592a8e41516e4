import Foundation
import SurvData

/// Times loading a Stata file of the CSV benchmark's cohort (1,000,000 × 12): the event, arm and sex as
/// labelled columns, the rest numbers. The file is made once, outside the timing, by reading the CSV
/// benchmark file and exporting it as surv's `export` does; the time is that of reading the file's bytes
/// and building the table, what `load "x.dta"` does.
enum StatFileLoadBench {
    static func run(rows: Int) throws -> [(name: String, seconds: Double)] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-dta-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("cohort.csv").path
        _ = try CSVLoadBench.writeCohort(rows: rows, path: csv, fullPrecision: false, lateText: false)
        var table = try DelimitedTextReader.read(path: csv)
        for (name, codes) in [("arm", [1.0, 2, 3]), ("sex", [1.0, 2])] {
            guard var column = table.column(named: name) else { continue }
            column.levelValues = codes
            column.label = name == "arm" ? "Treatment arm" : "Sex"
            try table.setColumn(column)
        }
        let dta = folder.appendingPathComponent("cohort.dta")
        try Data(try DataExport.encode(table, as: .stata).bytes).write(to: dta)
        let size = try FileManager.default.attributesOfItem(atPath: dta.path)[.size] as? Int ?? 0

        let start = DispatchTime.now().uptimeNanoseconds
        let bytes = [UInt8](try Data(contentsOf: dta))
        let loaded = try StatFileReader.read(bytes: bytes, fileName: "cohort.dta")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard loaded.rowCount == rows, loaded.columns.count == 12, loaded.column(named: "arm")?.levelValues == [1, 2, 3] else {
            throw DataError("benchmark file read back as \(loaded.rowCount)×\(loaded.columns.count)")
        }
        return [(name: "Stata load \(rows)×12, 2 labelled columns (\(size / 1_048_576) MB)", seconds: seconds)]
    }
}
