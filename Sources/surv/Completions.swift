import SurvCore
import Foundation
import LineEditing
import SurvData
import SurvLanguage
import SurvRender
import SurvSession

/// Tab-completion candidates, following the grammar (`CompletionGrammar`): command names at the start of a
/// command, dataset names after `load`, file paths inside `load "`, settings and then their values after
/// `set`, only columns after `stratify by`, only event-coded columns after `endpoint time,`, and functions
/// only where a value can start. A column whose name is not a plain word is offered in backquotes.
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
        let options: [String]
        switch CompletionGrammar.slot(before: before) {
        case .command: options = CommandCatalog.names
        case .words(let words): options = words
        case .dataset: options = BundledDatasets.names
        case .column(.any): options = columnNames
        case .column(.numeric): options = columns(of: .number)
        case .column(.event): options = session.eventColumnNames.map(NameSyntax.written)
        case .endpointOrColumn:
            options = session.checkContext.endpointNames.filter { NameSyntax.isPlain($0) } + columns(of: .number)
        case .expressionStart(let extra):
            options = columnNames + CompletionGrammar.expressionFunctions + ["not"] + extra
        case .afterOperand: options = CompletionGrammar.operatorWords
        case .levels(let column, let extra): options = levels(of: column) + extra
        case .nothing: options = []
        }
        // A name offered in backquotes also completes from its first letters typed without them:
        // `Gr` finds `Group Name`, as a newcomer who has not met backquotes yet would type it.
        return Array(Set(options)).filter { option in
            option.hasPrefix(request.word)
                || (option.hasPrefix("`") && !request.word.hasPrefix("`") && !request.word.isEmpty
                    && option.dropFirst().hasPrefix(request.word))
        }.sorted()
    }

    /// A column's levels as `set ref` takes them: text quoted, numbers as written (few enough to list).
    private func levels(of column: String) -> [String] {
        switch session.table?.column(named: column)?.data {
        case .text(_, let levels)?:
            return levels.map { "\"" + $0 + "\"" }
        case .number(let values, let missing)?:
            var distinct = Set<Double>()
            for (v, isMissing) in zip(values, missing) where !isMissing {
                distinct.insert(v)
                if distinct.count > 50 { return [] }
            }
            return distinct.sorted().map(NumberText.short)
        case nil:
            return []
        }
    }

    private var columnNames: [String] { session.checkContext.columns.map { NameSyntax.written($0.name) } }

    private func columns(of type: ValueType) -> [String] {
        session.checkContext.columns.filter { $0.type == type }.map { NameSyntax.written($0.name) }
    }
}
