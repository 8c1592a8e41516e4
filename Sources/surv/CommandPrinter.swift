import Foundation
import SurvNotebook
import SurvSession

/// Runs lines in a session and prints each outcome: text (errors to standard error) or JSON Lines.
struct CommandPrinter {
    var json: Bool

    /// Returns whether any command failed.
    func run(lines: [String], in session: Session, file: String?) -> Bool {
        run(numbered: lines.enumerated().map { ($0 + 1, $1) }, in: session, file: file)
    }

    func run(numbered lines: [(Int, String)], in session: Session, file: String?) -> Bool {
        var failed = false
        for (number, line) in lines {
            for outcome in session.runAndRender(line: line, lineNumber: number, file: file) {
                failed = failed || outcome.failed
                print(outcome)
            }
        }
        return failed
    }

    func print(_ outcome: RenderedOutcome) {
        if json {
            StandardStreams.out(outcome.json + "\n")
        } else if outcome.failed {
            StandardStreams.err(outcome.text + "\n")
        } else if let coloured = outcome.coloured {
            StandardStreams.outColoured(coloured + "\n\n")
        } else {
            StandardStreams.out(outcome.text + "\n\n")
        }
    }
}

/// A script: one command line per line (CR-LF tolerated).
enum ScriptLines {
    static func split(_ text: String) -> [(Int, String)] {
        // "\r\n" is a single Character in Swift, so it must be named as a separator of its own.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated().map { i, line in
            (i + 1, String(line))
        }
    }
}
