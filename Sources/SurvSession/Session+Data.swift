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
        let typedName = URL(fileURLWithPath: path).lastPathComponent
        if let refusal = DataFileKind.refusal(forFileNamed: typedName) { throw refusal }
        let (bytes, url) = try fileAccess.read(path, relativeTo: baseDirectory, limit: FileAccessPolicy.maximumDataFileBytes)
        let loaded: DataTable
        do {
            // The name typed chooses the reader (a link named x.csv to a Stata file is read as text, and refused as such).
            if StatFileFormat(fileName: typedName) != nil {
                loaded = try StatFileReader.read(bytes: bytes, fileName: typedName)
            } else {
                loaded = try DelimitedTextReader.read(bytes: bytes, fileName: url.lastPathComponent)
            }
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
        return .message(loadedMessage(path, loaded) + fileMetadataNote(loaded))
    }

    /// Under the list of a Stata, SPSS or SAS file's columns: which became categories from value labels and
    /// which are dates, the two things such a file says that a CSV cannot.
    private func fileMetadataNote(_ loaded: DataTable) -> String {
        let labelled = loaded.columns.filter { $0.levelValues != nil }.map(\.name)
        let dates = loaded.columns.filter { $0.dateStyle != nil }.map(\.name)
        var lines: [String] = []
        if !labelled.isEmpty { lines.append("categories from value labels (levels in code order): " + labelled.joined(separator: ", ")) }
        if !dates.isEmpty { lines.append("dates: " + dates.joined(separator: ", ")) }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
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
        landmark = nil
        censorAt = nil
        splitColumns = nil
    }

    func defineEndpoint(_ plan: EndpointPlan) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let (time, event) = (plan.time, plan.event)
        // Validate the coding now so the mistake is reported where it was made, on the rows kept by the filter:
        // a landmark analysis (`where time >= 90; let tl = time - 90`) has negative times only on rows it left
        // out. Rows a later filter brings back are checked by each analysis that uses them.
        let rows = keptRows ?? Array(0..<table.rowCount)
        if let start = plan.start { return try defineCountingProcessEndpoint(plan, start: start, table: table, rows: rows) }
        let candidate = Endpoint(name: "", time: time, event: event, causes: plan.causes)
        if let causes = plan.causes { return try defineCompetingEndpoint(plan, causes: causes, table: table, rows: rows) }
        let outcome = try SurvivalOutcome.build(table: table, rows: rows, endpoint: candidate)
        let events = outcome.event.filter { $0 }.count
        let key = plan.name ?? Self.endpointKey(time: time, event: event, causes: nil)
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
        var column = try evaluator.evaluate(expression).column(named: name)
        // A date plus days is a date; it shows a time of day when a date-time went into it.
        if expression.type == .date {
            let times = expression.columnsUsed.contains { updated.column(named: $0)?.dateStyle == .dateTime }
            column.dateStyle = times ? .dateTime : .date
        }
        // A copy of a column keeps what the file said of it: its codes and label.
        if case .column(let source, let type) = expression, let original = updated.column(named: source), original.kind == column.kind,
           type == .text || original.levelValues == nil {
            column.levelValues = original.levelValues
            column.label = original.label
            column.dateStyle = original.dateStyle
        }
        let lostOutside = evaluator.uncomputable.rows.filter { column.isMissing($0) }.count
        let replaced = updated.column(named: name) != nil
        do { try updated.setColumn(column) } catch { throw Diagnostic("cannot add column '\(name)': \(error)") }
        // A replaced column may be an endpoint's time or event: it must still make a valid outcome on the rows
        // in use (the endpoint itself was checked on the rows kept when it was declared).
        for endpoint in endpoints.values where endpoint.time == name || endpoint.event == name || endpoint.start == name {
            do {
                if let start = endpoint.start {
                    _ = try CountingProcessOutcome.build(table: updated, rows: kept, endpoint: endpoint, start: start)
                } else {
                    _ = try SurvivalOutcome.build(table: updated, rows: kept, endpoint: endpoint)
                }
            } catch {
                throw Diagnostic("'\(name)' is used by the endpoint \(describeEndpoint(endpoint.name)), and the new values do not fit it: \(error.message)",
                                 hint: "give the new column another name")
            }
        }
        table = updated
        // A column computed on the intervals is no longer a subject's value copied by split.
        splitColumns?.copied.remove(name)
        if replaced { lastCox = nil }
        // New values may not hold the level chosen for the old ones.
        let clearedReference = referenceLevels.removeValue(forKey: name) != nil
        let kind = column.dateStyle != nil ? "date" : (column.kind == .number ? "numeric" : "categorical")
        var note = lostOutside == 0 ? ""
            : "\nmissing in \(lostOutside) row\(lostOutside == 1 ? "" : "s") the filter leaves out, where it cannot be computed"
        if clearedReference { note += "\nits reference level (set ref) is cleared" }
        return .message("\(replaced ? "replaced" : "added") \(kind) column \(name)\(note)")
    }
}
