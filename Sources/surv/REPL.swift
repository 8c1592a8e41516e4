import LineEditing
import SurvLanguage
import SurvRender

/// The read–evaluate loop: reads command lines, keeps them in history, hands
/// them to `evaluate`, and handles Ctrl-C and Ctrl-D.
///
/// Interactive (standard input is a terminal): prompts with line editing;
/// Ctrl-C at the prompt discards the line; Ctrl-C during `evaluate` sets
/// `Interrupts.requested`, which the evaluator polls; Ctrl-D on an empty line
/// ends the loop.
///
/// Batch (`surv < script`, pipes): no prompts, no history, no libedit; the
/// loop ends at the end of input, or once Ctrl-C was pressed (the rest of the
/// script is not run).
struct REPL {
    let reader: any LineReader
    let prompt: String
    let isInteractive: Bool
    let evaluate: (String) -> Void
    /// Told of a line the reader skipped (longer than it accepts), with a message for the user.
    var rejected: (String) -> Void = { _ in }

    /// An interactive loop on `editor`.
    init(editor: LineEditor, prompt: String, evaluate: @escaping (String) -> Void) {
        self.init(reader: editor, prompt: prompt, isInteractive: true, evaluate: evaluate)
    }

    init(reader: any LineReader, prompt: String, isInteractive: Bool, evaluate: @escaping (String) -> Void) {
        self.reader = reader
        self.prompt = prompt
        self.isInteractive = isInteractive
        self.evaluate = evaluate
    }

    /// The loop surv runs on its standard input: a `LineEditor` when standard
    /// input is a terminal, a `PlainLineReader` otherwise.
    static func onStandardInput(
        prompt: String,
        historyPath: String?,
        completer: @escaping (CompletionRequest) -> [String],
        evaluate: @escaping (String) -> Void
    ) -> REPL {
        if LineEditor.standardInputIsTerminal() {
            let editor = LineEditor(historyPath: historyPath, completer: completer)
            return REPL(editor: editor, prompt: prompt, evaluate: evaluate)
        }
        return REPL(reader: PlainLineReader(), prompt: prompt, isInteractive: false, evaluate: evaluate)
    }

    func run() {
        Interrupts.install()
        while true {
            switch reader.readLine(prompt: isInteractive ? prompt : "") {
            case .endOfFile:
                return
            case .interrupted:
                continue
            case .tooLong(let bytes):
                rejected("a line of \(bytes) bytes is longer than the \(PlainLineReader.maximumLineBytes) a command line may have; it was not run")
            case .line(let line):
                // Batch: a Ctrl-C while waiting for input stops the script too.
                if !isInteractive && Interrupts.requested { return }
                if line.allSatisfy(\.isWhitespace) { continue }
                // `quit`, `exit`, `q` (R's `q()`) leave as Ctrl-D does, through the same ending (the unsaved-session note).
                if ForeignCommands.isQuit(line) { return }
                // A line the session refuses for a control character is not kept in the history file either.
                if isInteractive && !line.contains("\n") && TerminalText.escapingControls(line) == line { reader.remember(line) }
                Interrupts.clear()
                evaluate(line)
                let interrupted = Interrupts.requested
                Interrupts.clear()
                if interrupted && !isInteractive { return }
            }
        }
    }
}
