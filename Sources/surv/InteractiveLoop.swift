import ArgumentParser
import Foundation
import LineEditing
import SurvNotebook
import SurvCore
import SurvSession

/// The interactive session: line editing, history and completion at a terminal; plain line reading
/// without prompts otherwise (so `surv < script.surv` works). At a terminal the session is journaled after
/// every command (see `SessionJournal`), so a crash or a kill loses nothing; a script fed on standard input
/// is already a file, so it is not journaled and hears nothing of other sessions' journals.
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
            StandardStreams.out("surv \(survVersion): type 'help' for the commands; quit or Ctrl-D to leave.\n")
        }
        let journal = interactive ? startJournal(environment: environment) : nil
        journal?.record(session)  // what `--init` ran
        var warnedAboutJournal = false
        var repl = REPL.onStandardInput(
            prompt: "surv> ",
            historyPath: LineEditor.defaultHistoryPath(environment: environment),
            completer: { request in Completions(session: session).candidates(for: request) },
            evaluate: { line in
                number += 1
                // At the prompt a figure fills the terminal (read per line: the window may have been resized)
                // and is coloured unless NO_COLOR is set; what the notebook keeps is drawn at `set plot width`.
                let terminal = interactive && !json
                    ? OutputTerminal(width: LineEditor.standardOutputColumns().map { min(max($0 - 1, 40), 200) },
                                     color: LineEditor.standardOutputColumns() != nil && (environment["NO_COLOR"] ?? "").isEmpty)
                    : OutputTerminal()
                let outcomes = session.runAndRender(line: line, lineNumber: number, terminal: terminal, shouldContinue: { !Interrupts.requested })
                // Journaled before it is printed: whatever the user has seen survives a kill.
                journal?.record(session)
                if let problem = journal?.writeFailure, !warnedAboutJournal {
                    warnedAboutJournal = true
                    note("the session journal can no longer be written (\(problem)): if surv is killed now, this session cannot be "
                         + "recovered; save it with  save \"FILE.surv.md\"")
                }
                for outcome in outcomes {
                    failed = failed || outcome.failed
                    printer.print(outcome)
                }
            })
        repl.rejected = { message in
            failed = true
            StandardStreams.err("error: \(message)\n")
        }
        // Long computations in the core poll this, so Ctrl-C stops them and returns to the prompt.
        Interruption.isRequested = { Interrupts.requested }
        repl.run()
        if let journal, journal.finish() {
            note("the session is not saved; the next surv will offer to recover it\n"
                 + "surv: (to keep it now, type  save \"FILE.surv.md\"  before quitting)")
        }
        // A script fed on standard input reports failure like `surv run` does; an interactive session does not.
        if failed && !interactive { throw ExitCode(1) }
    }

    /// Opens this session's journal and tells the user about previous sessions that were not saved.
    private func startJournal(environment: [String: String]) -> SessionJournal? {
        guard let folder = SessionJournal.folder(environment: environment) else { return nil }
        let start = SessionJournal.start(in: folder)
        let files = session.notebookFiles as? NotebookFiles
        files?.journal = start.journal
        files?.unsavedJournals = start.unsaved
        if let problem = start.problem { note(problem + "; this session is not journaled") }
        if let latest = start.unsaved.first {
            let n = latest.commands
            if start.unsaved.count == 1 {
                note("an unsaved session exists (\(n) command\(n == 1 ? "" : "s") from a session that ended without saving);\n"
                     + "surv: type  recover \"FILE.surv.md\"  to write it to a notebook and continue from it")
            } else {
                let format = DateFormatter()
                format.dateFormat = "yyyy-MM-dd HH:mm"
                var lines = ["\(start.unsaved.count) unsaved sessions exist (from sessions that ended without saving), the most recent first:"]
                for (i, unsaved) in start.unsaved.enumerated() {
                    lines.append("  \(i + 1). \(unsaved.commands) command\(unsaved.commands == 1 ? "" : "s"), last written \(format.string(from: unsaved.modified))")
                }
                // Two lines, so that each fits a terminal of 80 columns.
                lines.append("type  recover \"FILE.surv.md\"  to write the first to a notebook and continue from it;")
                lines.append("recover again for the next (they are in \(folder.path))")
                note(lines.joined(separator: "\nsurv: "))
            }
        }
        return start.journal
    }

    private func note(_ text: String) {
        StandardStreams.err("surv: \(text)\n")
    }
}
