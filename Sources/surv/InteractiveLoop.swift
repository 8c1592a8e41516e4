import ArgumentParser
import Foundation
import LineEditing
import SurvNotebook
import SurvCore
import SurvSession

/// The interactive session: line editing, history and completion at a terminal; plain line reading
/// without prompts otherwise (so `surv < script.surv` works). Either way the session is journaled after
/// every command (see `SessionJournal`), so a crash or a kill loses nothing.
struct InteractiveLoop {
    var session: Session
    var json: Bool

    func run() throws {
        let printer = CommandPrinter(json: json)
        var number = 0
        var failed = false
        let interactive = LineEditor.standardInputIsTerminal()
        let session = self.session
        let environment = ProcessInfo.processInfo.environment
        if interactive && !json {
            print("surv \(survVersion): survival analysis at a prompt. Type 'help' for the commands, Ctrl-D to quit.")
        }
        let journal = startJournal(environment: environment)
        journal?.record(session)  // what `--init` ran
        let repl = REPL.onStandardInput(
            prompt: "surv> ",
            historyPath: LineEditor.defaultHistoryPath(environment: environment),
            completer: { request in Completions(session: session).candidates(for: request) },
            evaluate: { line in
                number += 1
                let outcomes = session.runAndRender(line: line, lineNumber: number, shouldContinue: { !Interrupts.requested })
                // Journaled before it is printed: whatever the user has seen survives a kill.
                journal?.record(session)
                for outcome in outcomes {
                    failed = failed || outcome.failed
                    printer.print(outcome)
                }
            })
        // Long computations in the core poll this, so Ctrl-C stops them and returns to the prompt.
        Interruption.isRequested = { Interrupts.requested }
        repl.run()
        if let journal, journal.finish() {
            note("the session is not saved; the next surv will offer to recover it (or type: save \"FILE.surv.md\" before quitting)")
        }
        // A script fed on standard input reports failure like `surv run` does; an interactive session does not.
        if failed && !interactive { throw ExitCode(1) }
    }

    /// Opens this session's journal and tells the user about a previous session that was not saved.
    private func startJournal(environment: [String: String]) -> SessionJournal? {
        guard let location = SessionJournal.location(environment: environment) else { return nil }
        let start = SessionJournal.start(at: location)
        let files = session.notebookFiles as? NotebookFiles
        files?.journal = start.journal
        files?.unsavedJournal = start.unsaved
        if let problem = start.problem { note(problem) }
        if start.unsaved != nil {
            let n = start.unsavedCommands
            note("an unsaved session exists (\(n) command\(n == 1 ? "" : "s") from a session that ended without saving); "
                 + "type  recover \"FILE.surv.md\"  to write it to a notebook and continue from it")
        }
        return start.journal
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("surv: \(text)\n".utf8))
    }
}
