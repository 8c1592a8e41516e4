import Foundation
import LineEditing

// Provisional entry point: an echo evaluator, so that line editing, history,
// completion and Ctrl-C can be exercised end to end (Tests/survTests/PTYSessionTests).

let commandWords = [
    "load", "endpoint", "where", "let", "stratify", "km", "logrank", "cox", "phtest",
    "followup", "describe", "tab", "fisher", "set", "show", "help", "save",
]

let repl = REPL.onStandardInput(
    prompt: "surv> ",
    historyPath: LineEditor.defaultHistoryPath(environment: ProcessInfo.processInfo.environment),
    completer: { request in
        request.isInsideString ? [] : commandWords.filter { $0.hasPrefix(request.word) }
    },
    evaluate: { line in print("ran: \(line)") })
repl.run()
