import SurvCore
import Foundation
import SurvData
import SurvLanguage
import SurvResults

/// Loading data, declaring endpoints, filtering and deriving columns.
extension Session {
    func loadBundled(_ name: String) throws(Diagnostic) -> Report {
        let loaded: DataTable
        do { loaded = try BundledDatasets.load(name) } catch { throw Diagnostic("cannot load '\(name)': \(error)") }
        install(loaded)
        bundledName = name
        var lines = [loadedMessage(name, loaded)]
        if let notice = BundledDatasets.notice(name) { lines.append(notice) }
        lines += try declareBundledEndpoints(name)
        return .message(lines.joined(separator: "\n"))
    }

    func loadFile(_ path: String) throws(Diagnostic) -> Report {
        let (bytes, url) = try fileAccess.read(path, relativeTo: baseDirectory, limit: FileAccessPolicy.maximumDataFileBytes)
        let loaded: DataTable
        do {
            loaded = try DelimitedTextReader.read(bytes: bytes, fileName: url.lastPathComponent)
        } catch let error as DataError {
            var location = path
            if let line = error.line { location += ":\(line)" + (error.column.map { ":\($0)" } ?? "") }
            // The reader names the file by its absolute path; outputs show the path as typed (notebooks must not depend on where they are replayed).
            throw Diagnostic("\(location): \(error.message.replacingOccurrences(of: url.path, with: path))", hint: error.hint)
        } catch let error as CoreError {
            throw Diagnostic(error.message, hint: error.hint)
        } catch {
            throw Diagnostic("cannot read '\(path)': \(error.localizedDescription)")
        }
        install(loaded)
        return .message(loadedMessage(path, loaded))
    }

    /// "loaded NAME: R rows, C columns (a, b, c)", the column list wrapped under it when it is long.
    private func loadedMessage(_ name: String, _ loaded: DataTable) -> String {
        let head = "loaded \(name): \(Wording.count(loaded.rowCount, "row")), \(Wording.count(loaded.columns.count, "column"))"
        // The names once: `columnNames` builds a new array each time it is read.
        let columnNames = loaded.columnNames
        let names = columnNames.joined(separator: ", ")
        if head.count + names.count + 3 <= 80 { return "\(head) (\(names))" }
        var lines = [head + ":"], line = " "
        for (i, column) in columnNames.enumerated() {
            let piece = " " + column + (i < columnNames.count - 1 ? "," : "")
            if line.count + piece.count > 80 { lines.append(line); line = " " }
            line += piece
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// A new dataset replaces everything that referred to the old one.
    private func install(_ loaded: DataTable) {
        table = loaded
        bundledName = nil
        keptRows = nil
        filterSources = []
        endpoints = [:]
        endpointOrder = []
        currentEndpoint = nil
        strata = []
        lastCox = nil
        referenceLevels = [:]
    }

    func defineEndpoint(name: String?, time: String, event: String) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        // Validate the coding now so the mistake is reported where it was made, on the rows kept by the filter:
        // a landmark analysis (`where time >= 90; let tl = time - 90`) has negative times only on rows it left
        // out. Rows a later filter brings back are checked by each analysis that uses them.
        let rows = keptRows ?? Array(0..<table.rowCount)
        let outcome = try SurvivalOutcome.build(table: table, rows: rows, time: time, event: event)
        let events = outcome.event.filter { $0 }.count
        let key = name ?? "\(time), \(event)"
        endpoints[key] = Endpoint(name: key, time: time, event: event)
        if !endpointOrder.contains(key) { endpointOrder.append(key) }
        currentEndpoint = key
        lastCox = nil
        let among = keptRows == nil ? "" : " kept"
        let rowsWithOutcome = Wording.count(outcome.time.count, "row") + among
        return .message("endpoint \(describeEndpoint(key)): \(rowsWithOutcome) with an outcome, \(Wording.count(events, "event"))")
    }

    func applyFilter(_ expression: TypedExpression, source: String) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let current = keptRows ?? Array(0..<table.rowCount)
        let flags = try ExpressionEvaluator(table: table, rows: current).flags(expression)
        let kept = current.filter { $0 < flags.count && flags[$0] == 1 }
        guard !kept.isEmpty else {
            throw Diagnostic("this condition keeps no rows, so the filter was not applied",
                             hint: levelHint(for: expression) ?? "'show' prints the current filter")
        }
        keptRows = kept
        filterSources.append(String(source.drop { !$0.isWhitespace }).trimmingCharacters(in: .whitespaces))
        return .message("\(kept.count) of \(Wording.count(table.rowCount, "row")) kept")
    }

    func derive(_ name: String, _ expression: TypedExpression) throws(Diagnostic) -> Report {
        guard var updated = table else { throw Diagnostic("no dataset is loaded") }
        let kept = keptRows ?? Array(0..<updated.rowCount)
        // Errors only on the kept rows; where the filter's left-out rows have no value (log of 0, …) the
        // column is missing, and the message says how often, so that clearing the filter later surprises no one.
        let evaluator = ExpressionEvaluator(table: updated, rows: kept)
        let column = try evaluator.evaluate(expression).column(named: name)
        let lostOutside = evaluator.uncomputable.rows.filter { column.isMissing($0) }.count
        let replaced = updated.column(named: name) != nil
        do { try updated.setColumn(column) } catch { throw Diagnostic("cannot add column '\(name)': \(error)") }
        // A replaced column may be an endpoint's time or event: it must still make a valid outcome on the rows
        // in use (the endpoint itself was checked on the rows kept when it was declared).
        for endpoint in endpoints.values where endpoint.time == name || endpoint.event == name {
            do {
                _ = try SurvivalOutcome.build(table: updated, rows: kept, time: endpoint.time, event: endpoint.event)
            } catch {
                throw Diagnostic("'\(name)' is used by the endpoint \(describeEndpoint(endpoint.name)), and the new values do not fit it: \(error.message)",
                                 hint: "give the new column another name")
            }
        }
        table = updated
        if replaced { lastCox = nil }
        // New values may not hold the level chosen for the old ones.
        let clearedReference = referenceLevels.removeValue(forKey: name) != nil
        let kind = column.kind == .number ? "numeric" : "categorical"
        var note = lostOutside == 0 ? ""
            : "\nmissing in \(lostOutside) row\(lostOutside == 1 ? "" : "s") the filter leaves out, where it cannot be computed"
        if clearedReference { note += "\nits reference level (set ref) is cleared" }
        return .message("\(replaced ? "replaced" : "added") \(kind) column \(name)\(note)")
    }
}
