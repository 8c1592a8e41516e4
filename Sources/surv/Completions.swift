import Foundation
import LineEditing
import SurvData
import SurvLanguage
import SurvRender
import SurvSession

/// Tab-completion candidates: command names at the start of a command, dataset names after `load`,
/// file paths inside `load "`, setting names and values after `set`, otherwise column names and words
/// of the language.
struct Completions {
    var session: Session

    /// Candidates are inserted into the line and listed on the terminal by libedit, past surv's escaping
    /// writer: a file or column name with a control character in it (which no one can type anyway) is
    /// left out rather than sent raw.
    func candidates(for request: CompletionRequest) -> [String] {
        allCandidates(for: request).filter { !$0.contains("\n") && TerminalText.escapingControls($0) == $0 }
    }

    private func allCandidates(for request: CompletionRequest) -> [String] {
        if request.isInsideString {
            return FilePathCompletion.candidates(for: request.word, currentDirectory: session.baseDirectory.path)
        }
        let before = String(request.line.prefix(request.wordStart))
        let commandText = before.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? before
        let previous = commandText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map { $0.lowercased() }
        let options: [String]
        switch previous.first {
        case nil:
            options = CommandCatalog.names
        case "load" where previous.count == 1:
            options = BundledDatasets.names
        case "set" where previous.count == 1:
            options = ["ci", "ties", "level", "digits", "profile"]
        case "set":
            switch previous.last {
            case "ci": options = ["log", "loglog", "plain"]
            case "ties": options = ["efron", "breslow"]
            case "profile": options = ["r", "stata"]
            default: options = []
            }
        case "help":
            options = CommandCatalog.names
        case "endpoint" where previous.count == 1:
            options = session.checkContext.endpointNames.filter { !$0.contains(",") } + columnNames
        case "km" where previous.count == 1:
            options = ["at", "quantile", "table"]
        case "rmst" where previous.count == 1:
            options = ["at"]
        case "chisq" where previous.count == 4:
            options = ["correct", "nocorrect"]
        case "logrank":
            options = ["trend"]
        case "stratify" where previous.count == 1:
            options = ["by", "none"]
        default:
            options = columnNames + NumericFunction.allCases.map(\.rawValue) + ["cut", "if", "is_missing", "strata", "and", "or", "not", "in", "by", "all"]
        }
        return options.filter { $0.hasPrefix(request.word) }.sorted()
    }

    private var columnNames: [String] { session.checkContext.columns.map(\.name) }
}
