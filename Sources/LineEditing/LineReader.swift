/// A source of command lines: the interactive `LineEditor`, or `PlainLineReader`
/// when standard input is a file or a pipe.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` if the reader is interactive.
    func readLine(prompt: String) -> LineEditorInput
    /// Records a line the user entered so it can be recalled later.
    func remember(_ line: String)
}
