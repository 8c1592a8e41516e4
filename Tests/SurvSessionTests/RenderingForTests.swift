import SurvRender
import SurvResults
@testable import SurvSession

/// What a command printed, for tests that compare outputs (the notebook target draws the same way).
struct PrintedOutcome {
    var source: String
    var text: String
    var failed: Bool
}

extension Session {
    /// Runs a line and draws each outcome as the REPL would print it, with the settings in force then.
    func runAndRender(line: String) -> [PrintedOutcome] {
        var printed: [PrintedOutcome] = []
        _ = run(line: line, afterEach: { outcome in
            switch outcome.result {
            case .success(let report):
                printed.append(PrintedOutcome(source: outcome.source, text: TextRenderer(digits: self.settings.digits).render(report),
                                              failed: report.isFailedCheck))
            case .failure(let diagnostic):
                printed.append(PrintedOutcome(source: outcome.source, text: diagnostic.formatted(source: outcome.lineText), failed: true))
            }
        })
        return printed
    }
}
