/// Reads standard input line by line with no prompt, no editing and no history,
/// so that `surv < script.surv` and pipes behave like a batch run.
public final class PlainLineReader: LineReader {
    public init() {}

    /// Ignores `prompt`: a script's output must not be interleaved with prompts.
    public func readLine(prompt: String) -> LineEditorInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfFile }
        return .line(line)
    }

    /// Lines from a script are not user history.
    public func remember(_ line: String) {}
}
