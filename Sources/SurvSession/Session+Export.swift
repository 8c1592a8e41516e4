import Foundation
import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `export "FILE"`: the analysis data — the rows the filter keeps, every column including derived ones —
/// for a colleague in Stata, SPSS, R or a spreadsheet. Written as `save` writes: never through a symbolic
/// link, never executable, all or nothing; a replayed notebook writes nothing.
extension Session {
    func export(_ path: String) throws(Diagnostic) -> Report {
        if let skipped = notRunWhileReplaying("export", path) { return skipped }
        guard let table else { throw Diagnostic("no dataset is loaded") }
        guard let format = ExportFormat(fileName: URL(fileURLWithPath: path).lastPathComponent) else {
            throw Diagnostic("export writes .csv, .tsv, .dta (Stata) or .sav (SPSS) files, chosen by the file's extension",
                             hint: "e.g. export \"analysis.dta\"")
        }
        let url = try fileAccess.resolveForWriting(path, relativeTo: baseDirectory)
        let rows = keptRows.map { table.selecting(rows: $0) } ?? table
        let exported: ExportedData
        do {
            exported = try DataExport.encode(rows, as: format)
        } catch let error as DataError {
            throw Diagnostic("cannot export '\(path)': \(error.message)", hint: error.hint)
        } catch let error as CoreError {
            throw Diagnostic(error.message, hint: error.hint)
        } catch {
            throw Diagnostic("cannot export '\(path)': \(error)")
        }
        do {
            try AtomicFile.write(Data(exported.bytes), to: url)
        } catch {
            throw Diagnostic("cannot write '\(path)': \(error.reason)", hint: "choose another file name or folder")
        }
        var lines = ["exported \(Wording.count(rows.rowCount, "row")) and \(Wording.count(rows.columns.count, "column")) to \"\(path)\" (\(format.description))"]
        if keptRows != nil { lines[0] += ", the rows the filter keeps" }
        if !exported.renamed.isEmpty {
            lines.append("renamed for \(format.description): " + exported.renamed.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))
        }
        if !exported.shortenedLabels.isEmpty {
            lines.append("labels shortened to what \(format.description) keeps: " + exported.shortenedLabels.joined(separator: ", "))
        }
        return .message(lines.joined(separator: "\n"))
    }
}
