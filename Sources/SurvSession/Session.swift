import Foundation
import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// A survival endpoint: the time column and the event column it is built from.
public struct Endpoint: Equatable, Sendable {
    public var name: String
    public var time: String
    public var event: String
    /// With competing risks: which codes of the status column (`event`) are the event and its competitors;
    /// any other code is a censoring.
    public var causes: CausesSyntax? = nil
    /// With (start, stop] data: the column where each interval starts (`time` is where it stops).
    public var start: String? = nil

    /// Declared without a name, so kept under its columns.
    var isUnnamed: Bool { name == Session.endpointKey(start: start, time: time, event: event, causes: causes) }
}

/// The outcome of one command: the report it produced, or the one error that stopped it.
public struct CommandOutcome: Sendable {
    /// The command's own text.
    public var source: String
    /// The whole line it came from (for carets under errors).
    public var lineText: String
    public var line: Int
    /// Where the command starts in `lineText` (0-based, in characters), so that its error can be drawn
    /// against the command alone when it is stored as a notebook cell.
    public var column: Int = 0
    /// False for commands about the notebook itself (`save`, `title`, `open`, `recover`): they are not
    /// analysis steps, and a `save` replayed from a notebook would rewrite files.
    public var belongsInTranscript: Bool = true
    public var result: Result<Report, Diagnostic>
}

/// One thing that happened in a session, in order, for saving as a notebook.
public enum TranscriptEntry: Equatable, Sendable {
    /// A line typed as `# text`, kept as typed.
    case prose(String)
    /// A command and what it produced.
    case command(source: String, output: CellOutput)
    /// Markdown kept verbatim: the prose of a notebook opened into the session.
    case markdown(String)
}

/// What a command of the transcript produced, kept as a value: whoever saves the transcript draws it.
public enum CellOutput: Equatable, Sendable {
    /// A result, with the settings of how it prints in force when it ran (a later `set digits` does not
    /// change how an earlier result prints).
    case result(Report, Presentation)
    /// An error, located in the command alone (a cell holds one command of a `;`-separated line).
    case error(Diagnostic, source: String)
    /// Output already drawn, as a journal of an abruptly ended session kept it.
    case drawn(text: String, failed: Bool)

    /// An error (a notebook marks such cells).
    public var failed: Bool {
        switch self {
        case .result: return false
        case .error: return true
        case .drawn(_, let failed): return failed
        }
    }
}

/// The interpreter. Owns all mutable state: dataset, filter, endpoints, strata, settings, the last Cox
/// model and the transcript. Each command is parsed and checked before anything runs, so a command that
/// fails leaves the state exactly as it was.
public final class Session {
    public internal(set) var table: DataTable? {
        didSet { columnSchema = nil; forgetPreparedData() }
    }
    /// The checker's view of `table`, built when first needed after the table changes, not per command.
    private var columnSchema: ColumnSchema?
    /// The bundled data set the table was loaded as (nil for a file): what a bare `about` describes.
    var bundledName: String?
    /// After `split`: the columns it copied per row and the interval columns it wrote (the checker refuses an
    /// endpoint that would read intervals as subjects); nil for data as loaded.
    var splitColumns: SplitColumns?
    /// Rows kept by the filters, in table order; nil = all rows.
    var keptRows: [Int]? {
        didSet { forgetPreparedData() }
    }
    var filterSources: [String] = []
    public internal(set) var endpoints: [String: Endpoint] = [:] {
        didSet { forgetPreparedData() }
    }
    var endpointOrder: [String] = []
    public internal(set) var currentEndpoint: String? {
        didSet { forgetPreparedData() }
    }
    public internal(set) var strata: [String] = [] {
        didSet { forgetPreparedData() }
    }
    /// `set ref COLUMN VALUE`: the level each column lists first — in strata, tables and as a Cox term's reference.
    public internal(set) var referenceLevels: [String: ReferenceLevel] = [:] {
        didSet { forgetPreparedData() }
    }
    /// `landmark at T`: survival analyses among the rows followed event-free beyond T, from T.
    var landmark: Double? {
        didSet { forgetPreparedData() }
    }
    /// `censor at EXPR`: follow-up ends, censored, at EXPR where it comes before the endpoint's time.
    var censorAt: (expression: TypedExpression, source: String)? {
        didSet { forgetPreparedData() }
    }
    /// The survival data prepared for the core (`stratifiedOutcome`, `preparedCoxRows`): made by the first
    /// command that needs them and reused by the next ones, until what they were made from changes.
    var preparedSurvival: StratifiedOutcome?
    var preparedCox: PreparedCoxRows?
    public internal(set) var settings = Settings()
    /// The last Cox model that was fitted, with the conventions it was fitted under (phtest reports those, not
    /// later settings) and the command that fitted it (phtest names it: a later `cox` may have failed).
    var lastCox: (data: FittedCoxData, fit: CoxFit, conventions: Conventions, source: String)?
    public internal(set) var transcript: [TranscriptEntry] = []
    public var title: String?
    /// Where relative paths in `load` and `save` resolve.
    public var baseDirectory: URL
    /// File access rules; a replayed notebook gets a sandbox confined to its folder.
    public var fileAccess: FileAccessPolicy
    /// Carries out `save`, `open` and `recover`; nil refuses them.
    public var notebookFiles: (any NotebookFileHandler)?
    /// Writes `plot ... to "FILE.svg"`; nil refuses it.
    public var figureFiles: (any FigureFileWriter)?

    public init(baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                fileAccess: FileAccessPolicy = .unrestricted) {
        self.baseDirectory = baseDirectory
        self.fileAccess = fileAccess
    }

    /// The schema and declarations the checker compiles against.
    public var checkContext: CheckContext {
        var context = CheckContext(schema: currentColumnSchema(),
                                   datasetLoaded: table != nil, bundledDatasets: BundledDatasets.names,
                                   endpointNames: endpointOrder, hasCurrentEndpoint: currentEndpoint != nil, hasCoxModel: lastCox != nil)
        if let name = currentEndpoint, endpoints[name]?.causes != nil { context.endpointKind = .competingRisks }
        if let name = currentEndpoint, endpoints[name]?.start != nil { context.endpointKind = .countingProcess }
        context.split = splitColumns
        return context
    }

    private func currentColumnSchema() -> ColumnSchema {
        if let columnSchema { return columnSchema }
        let columns = table?.columns ?? []
        let schema = ColumnSchema(columns.map { ($0.name, $0.dateStyle != nil ? .date : ($0.kind == .number ? .number : .text)) },
                                  coded: Set(columns.filter { $0.levelValues != nil }.map(\.name)))
        columnSchema = schema
        return schema
    }

    /// Runs one line: prose (`# ...`) is recorded; otherwise the whole line is parsed first (a parse error
    /// runs nothing), then each `;`-separated command is checked and executed in turn.
    /// `shouldContinue` is asked before each command after the first (Ctrl-C stops the rest of a line).
    /// `afterEach` sees each outcome as soon as its command has run, before the next one starts, so a
    /// `save` later on the same line finds the earlier commands already recorded.
    public func run(line text: String, lineNumber: Int = 1, shouldContinue: () -> Bool = { true },
                    afterEach: (CommandOutcome) -> Void = { _ in }) -> [CommandOutcome] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [] }
        if let problem = Self.controlCharacter(in: text, line: lineNumber) {
            // Not a cell: stored, the raw character would do exactly what it is refused for.
            let outcome = CommandOutcome(source: trimmed, lineText: text, line: lineNumber, column: 0,
                                         belongsInTranscript: false, result: .failure(problem))
            afterEach(outcome)
            return [outcome]
        }
        if trimmed.hasPrefix("#") {
            transcript.append(.prose(text))
            return []
        }
        let commands: [ParsedCommand]
        do {
            commands = try Parser.parseLine(text, line: lineNumber)
        } catch {
            let indent = text.prefix { $0 == " " || $0 == "\t" }.count
            let outcome = CommandOutcome(source: trimmed, lineText: text, line: lineNumber, column: indent, result: .failure(error))
            record(outcome)
            afterEach(outcome)
            return [outcome]
        }
        var outcomes: [CommandOutcome] = []
        for parsed in commands {
            if !outcomes.isEmpty && !shouldContinue() { break }
            let result: Result<Report, Diagnostic>
            do throws(Diagnostic) {
                let plan = try Checker(context: checkContext).check(parsed.command)
                result = .success(try execute(plan, source: parsed.source))
            } catch {
                // An error found while running has no token of its own: draw it under the whole command.
                var located = error
                if located.range == nil { located.range = parsed.range }
                result = .failure(located)
            }
            let outcome = CommandOutcome(source: parsed.source, lineText: text, line: lineNumber, column: parsed.range.start,
                                         belongsInTranscript: !parsed.command.isAboutTheNotebook, result: result)
            record(outcome)
            afterEach(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// A line is one line of text: a carriage return or another control character in it (possible from a
    /// pipe or `-c`, never from the keyboard) would become a line break, or a terminal command, once the
    /// line is saved in a notebook and read back — a way to smuggle cells into a notebook. Tabs are text.
    static func controlCharacter(in text: String, line: Int) -> Diagnostic? {
        for (offset, character) in text.enumerated() {
            guard let scalar = character.unicodeScalars.first(where: { $0 == "\n" || ControlScalars.isUnsafe($0) }) else { continue }
            let hex = String(scalar.value, radix: 16)
            let shown = scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            return Diagnostic("the line holds a control character (\(shown)); a line is one line of text",
                              at: SourceRange(start: offset, end: offset + 1, line: line),
                              hint: "remove it; to write several commands, put them on separate lines or separate them with ';'")
        }
        return nil
    }

    /// Records a command and its printed output in the transcript (the notebook's cells).
    /// Keeps a command's outcome for the notebook. A command stopped by Ctrl-C changed nothing and was not
    /// the user's result: it is no cell.
    private func record(_ outcome: CommandOutcome) {
        guard outcome.belongsInTranscript else { return }
        switch outcome.result {
        case .success(let report):
            transcript.append(.command(source: outcome.source, output: .result(report.compactedForTranscript, settings.presentation)))
        case .failure(let diagnostic):
            guard !Interruption.isRequested() else { return }
            transcript.append(.command(source: outcome.source,
                                       output: .error(diagnostic.shifted(by: outcome.column), source: outcome.source)))
        }
    }

    /// Runs a checked plan. Every state change happens at the very end of each branch, after all work
    /// that can fail, so an error leaves the session untouched.
    func execute(_ plan: Plan, source: String) throws(Diagnostic) -> Report {
        switch plan {
        case .loadBundled(let name): return try loadBundled(name)
        case .loadFile(let path): return try loadFile(path)
        case .about(let name): return try about(name)
        case .defineEndpoint(let plan): return try defineEndpoint(plan)
        case .cumulativeIncidence(let times): return try cumulativeIncidence(at: times)
        case .landmark(let time): return try setLandmark(time)
        case .split(let name, let column): return try split(name, at: column)
        case .censorAt(let expression, let source): return try setCensorAt(expression, source: source)
        case .fineGray(let model): return try fineGray(model)
        case .selectEndpoint(let name):
            currentEndpoint = name
            lastCox = nil
            return .message("endpoint \(describeEndpoint(name))")
        case .filter(let expression): return try applyFilter(expression, source: source)
        case .clearFilter:
            keptRows = nil
            filterSources = []
            return .message("filter cleared: \(Wording.count(table?.rowCount ?? 0, "row")) kept")
        case .derive(let name, let expression): return try derive(name, expression)
        case .stratify(let columns):
            if let table {
                try Grouping(table: table, rows: keptRows ?? Array(0..<table.rowCount), columns: columns, references: referenceLevels).requireFewGroups(columns: columns)
            }
            strata = columns
            return .message("stratified by \(columns.joined(separator: ", "))")
        case .stratifyNone:
            strata = []
            return .message("no strata")
        case .kaplanMeier(let times): return try kaplanMeier(times: times, fullTable: false)
        case .kaplanMeierTable: return try kaplanMeier(times: [], fullTable: true)
        case .kaplanMeierWide(let times): return try kaplanMeier(times: times, fullTable: false, wide: true)
        case .kaplanMeierQuantiles(let probabilities): return try kaplanMeier(times: [], fullTable: false, probabilities: probabilities)
        case .restrictedMean(let tau): return try restrictedMean(tau: tau)
        case .logrank(let trend, let rho): return try logrank(trend: trend, rho: rho)
        case .cox(let model): return try cox(model, source: source)
        case .phtest: return try phtest()
        case .followup: return try followup()
        case .describe(let columns): return try describe(columns)
        case .tabulate(let a, let b): return try tabulate(a, by: b)
        case .table1(let variables, let by, let overall): return try table1(variables, by: by, overall: overall)
        case .fisher(let a, let b): return try fisher(a, by: b)
        case .chisq(let a, let b, let correct): return try chisq(a, by: b, correct: correct)
        case .wilcoxon(let x, let g): return try wilcoxon(x, by: g)
        case .kruskal(let x, let g): return try kruskal(x, by: g)
        case .setting(let change):
            settings.apply(change)
            switch change {
            case .plotWidth, .plotASCII:
                return .message("figures: \(settings.plotWidth) columns, \(settings.plotASCII ? "ASCII" : "Unicode braille")")
            default: break
            }
            return .message("conventions: profile \(settings.profileName), CI \(settings.transform.rawValue) \(Wording.percent(settings.level)), ties \(settings.ties.rawValue), digits \(settings.digits)")
        case .setReference(let column, let level): return try setReference(column, level)
        case .plot(let plan): return try plot(plan)
        case .expect(let plan): return try expect(plan)
        case .show: return .state(stateReport)
        case .showColumns: return try showColumns()
        case .help(let topic): return .help(HelpText.report(for: topic))
        case .save(let path): return try save(path)
        case .export(let path): return try export(path)
        case .title(let text):
            title = text
            return .message("title: \(text)")
        case .open(let path): return try open(path)
        case .recover(let path): return try recover(path)
        }
    }

    var stateReport: StateReport {
        var report = StateReport(dataset: table?.name, rows: table?.rowCount ?? 0, kept: keptRows?.count ?? table?.rowCount ?? 0,
                    filters: filterSources, endpoint: currentEndpoint.map(describeEndpoint), endpoints: endpointOrder,
                    strata: strata, conventions: settings.conventions, digits: settings.digits,
                    references: referenceLevels.keys.sorted().compactMap { column in
                        referenceLevels[column].map { level in
                            switch level {
                            case .text(let text): return ReferenceChoice(column: column, level: text)
                            case .number(let value): return ReferenceChoice(column: column, level: NumberText.short(value))
                            }
                        }
                    })
        report.landmark = landmark
        report.censorAt = censorAt?.source
        return report
    }

    /// Every observer of the data, the filter, the endpoints, the strata and the reference levels calls this:
    /// prepared data never outlive what they were made from.
    func forgetPreparedData() {
        preparedSurvival = nil
        preparedCox = nil
    }

    func describeEndpoint(_ name: String) -> String {
        guard let e = endpoints[name] else { return name }
        // R users read survival outcomes as Surv(time, event); an unnamed endpoint is kept under its columns.
        let columns = "Surv(\(Self.endpointKey(start: e.start, time: e.time, event: e.event, causes: e.causes)))"
        return e.isUnnamed ? columns : "\(e.name) = \(columns)"
    }

    /// The name an unnamed endpoint is kept under: its columns (and codes).
    static func endpointKey(start: String? = nil, time: String, event: String, causes: CausesSyntax?) -> String {
        let columns = (start.map { "\($0), " } ?? "") + "\(time), \(event)"
        guard let causes else { return columns }
        return "\(columns) event \(causes.event.written) competing \(causes.competing.map(\.written).joined(separator: ", "))"
    }
}

extension Command {
    /// Commands that act on the notebook file rather than on the analysis.
    var isAboutTheNotebook: Bool {
        switch self {
        // `export` writes a file, which a replayed notebook never does: as a cell it could not replay the same.
        case .save, .title, .open, .recover, .export: return true
        default: return false
        }
    }
}

extension Diagnostic {
    /// The diagnostic with its range moved `offset` characters left. A notebook cell holds one command of
    /// a `;`-separated line, so its stored error is drawn against that command alone: replaying the cell
    /// then prints exactly the same text.
    func shifted(by offset: Int) -> Diagnostic {
        guard offset > 0, let range else { return self }
        var moved = self
        moved.range = SourceRange(start: max(0, range.start - offset), end: max(0, range.end - offset), line: range.line)
        return moved
    }
}
