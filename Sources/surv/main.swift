import Foundation
import LineEditing

// Provisional entry point: an echo evaluator, so that line editing, history,
// completion and Ctrl-C can be exercised end to end (Tests/survTests/PTYSessionTests).
// `sleep N` stands in for a long computation: it polls Interrupts.requested.

let commandWords = [
    "load", "endpoint", "where", "let", "stratify", "km", "logrank", "cox", "phtest",
    "followup", "describe", "tab", "fisher", "set", "show", "help", "save",
]

func echo(_ line: String) {
    print("ran: \(line)")
    let words = line.split(separator: " ")
    guard words.count == 2, words[0] == "sleep", let seconds = Double(words[1]) else { return }
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if Interrupts.requested {
            print("interrupted")
            return
        }
        usleep(10_000)
    }
    print("finished")
}

let repl = REPL.onStandardInput(
    prompt: "surv> ",
    historyPath: LineEditor.defaultHistoryPath(environment: ProcessInfo.processInfo.environment),
    completer: { request in
        request.isInsideString
            ? FilePathCompletion.candidates(for: request.word)
            : commandWords.filter { $0.hasPrefix(request.word) }
    },
    evaluate: echo)
repl.run()
