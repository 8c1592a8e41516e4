/// What one call to `LineReader.readLine(prompt:)` produced.
public enum LineEditorInput: Sendable, Equatable {
    /// A line the user entered, without its trailing newline.
    case line(String)
    /// Ctrl-C at the prompt: the line being edited was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfFile
    /// A line longer than the reader accepts, skipped whole; `bytes` is how long it was (at least).
    case tooLong(bytes: Int)
}
