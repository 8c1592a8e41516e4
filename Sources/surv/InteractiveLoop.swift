import ArgumentParser
import Foundation
import LineEditing
import SurvSession

/// The interactive session: line editing, history and completion at a terminal; plain line reading
/// without prompts otherwise (so `surv < script.surv` works).
struct InteractiveLoop {
    var session: Session
    var json: Bool

    func run() throws {
        let printer = CommandPrinter(json: json)
        var number = 0
        var failed = false
        let interactive = LineEditor.standardInputIsTerminal()
        let session = self.session
        let repl = REPL.onStandardInput(
            prompt: "surv> ",
            historyPath: LineEditor.defaultHistoryPath(environment: ProcessInfo.processInfo.environment),
            completer: { request in Completions(session: session).candidates(for: request) },
            evaluate: { line in
                number += 1
                for outcome in session.runAndRender(line: line, lineNumber: number, shouldContinue: { !Interrupts.requested }) {
                    failed = failed || outcome.failed
                    printer.print(outcome)
                }
            })
        repl.run()
        // A script fed on standard input reports failure like `surv run` does; an interactive session does not.
        if failed && !interactive { throw ExitCode(1) }
    }
}
