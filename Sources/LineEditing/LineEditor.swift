import CLineEdit

/// Interactive line editing on libedit: emacs key bindings, history that
/// persists across sessions, Tab completion, and Ctrl-C that discards the line
/// instead of ending the program.
///
/// The terminal is only touched by the first `readLine(prompt:)`, so creating an
/// editor is harmless when input is not a terminal (see `PlainLineReader`).
/// Use one editor per process: libedit keeps per-terminal state.
///
/// How it sits on libedit (details beside the code, in Sources/CLineEdit):
/// - libedit's native histedit API, not its readline emulation, whose
///   `readline()` cannot tell end of file from an interrupted read.
/// - libedit's signal handling (EL_SIGNAL) is off: it re-sends SIGINT to the
///   whole process group and retries an interrupted read once, so the first
///   Ctrl-C would be lost. Our handlers only set flags and wake our character
///   reader through a self-pipe; Ctrl-C becomes a bound key that discards the
///   line; Ctrl-Z at the prompt restores cooked mode before stopping and raw
///   mode plus a redraw after `fg`; a resize is picked up with el_resize.
/// - LC_CTYPE is set to a UTF-8 locale before el_init, or libedit drops every
///   non-ASCII byte of input.
/// - Completion edits go through el_deletestr, which counts Unicode scalars.
/// - The history file is plain text appended one line per entry (not libedit's
///   H_SAVE format), so a killed process keeps everything entered so far.
public final class LineEditor: LineReader {
    private let editor: OpaquePointer?
    private let historyFile: HistoryFile?
    private let completer: (CompletionRequest) -> [String]
    private var lastRemembered: String?
    private var reportedHistoryFailure = false

    /// - Parameters:
    ///   - historyPath: file the history is loaded from and appended to; nil
    ///     keeps history for this session only. See `defaultHistoryPath(environment:)`.
    ///   - maxHistory: entries kept in memory and loaded at start.
    ///   - completer: candidates for the word before the cursor; each candidate
    ///     replaces `CompletionRequest.word` entirely.
    public init(historyPath: String?, maxHistory: Int = 1000, completer: @escaping (CompletionRequest) -> [String]) {
        let capacity = max(maxHistory, 1)
        self.editor = cle_editor_create("surv", Int32(clamping: capacity))
        self.historyFile = historyPath.map { HistoryFile(path: $0, capacity: capacity) }
        self.completer = completer
        let entries = historyFile?.load() ?? []
        if let editor {
            for entry in entries { cle_editor_history_add(editor, entry) }
            cle_editor_set_completion(editor, { context, editor, buffer, length, cursor in
                guard let context, let editor, let buffer else { return Int32(CLE_COMPLETION_BEEP) }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(length, 0)))
                return Unmanaged<LineEditor>.fromOpaque(context).takeUnretainedValue()
                    .complete(editor: editor, bytes: bytes, cursorByte: Int(cursor))
            }, Unmanaged.passUnretained(self).toOpaque())
        }
        lastRemembered = entries.last
    }

    deinit {
        cle_editor_destroy(editor)
    }

    /// True when standard input is a terminal, i.e. when a `LineEditor` should be
    /// used rather than a `PlainLineReader`.
    public static func standardInputIsTerminal() -> Bool {
        cle_is_terminal(0) != 0
    }

    /// The terminal's width in columns when standard output is one, else nil.
    public static func standardOutputColumns() -> Int? {
        cle_is_terminal(1) != 0 ? Int(cle_terminal_columns()) : nil
    }

    /// Shows `prompt` and lets the user edit one line.
    ///
    /// Ctrl-C discards the line (shown as `^C`) and returns `.interrupted`; a
    /// Ctrl-C pressed while no prompt was showing is dropped here, since it
    /// belonged to the previous command. Ctrl-D on an empty line returns
    /// `.endOfFile`. Installs `Interrupts` if needed.
    public func readLine(prompt: String) -> LineEditorInput {
        guard let editor else { return .endOfFile }
        var text: UnsafePointer<CChar>?
        switch cle_editor_read(editor, prompt, &text) {
        case Int32(CLE_READ_LINE):
            guard let text else { return .endOfFile }
            return .line(String(cString: text))
        case Int32(CLE_READ_INTERRUPTED):
            return .interrupted
        default:
            return .endOfFile
        }
    }

    /// Adds `line` to the history and appends it to the history file at once,
    /// so it survives even if the process is killed. Blank lines and a repeat
    /// of the previous entry are skipped. A history file that cannot be written
    /// is reported once on standard error and otherwise ignored.
    public func remember(_ line: String) {
        let entry = HistoryFile.singleLine(line)
        guard !entry.allSatisfy(\.isWhitespace), entry != lastRemembered else { return }
        lastRemembered = entry
        if let editor { cle_editor_history_add(editor, entry) }
        guard let historyFile else { return }
        do {
            try historyFile.append(entry)
        } catch let failure as HistoryFileError {
            if !reportedHistoryFailure {
                reportedHistoryFailure = true
                cle_write_error("surv: history not saved to \(failure.path) (\(failure.reason))\n")
            }
        } catch {}
    }

    /// Runs the completer for Tab and applies the result to libedit's line.
    private func complete(editor: OpaquePointer, bytes: UnsafeRawBufferPointer, cursorByte: Int) -> Int32 {
        let cursor = min(max(cursorByte, 0), bytes.count)
        let before = String(decoding: bytes[..<cursor], as: UTF8.self)
        let after = String(decoding: bytes[cursor...], as: UTF8.self)
        let request = CompletionRequest.at(line: before + after, cursor: before.count)
        let plan = CompletionPlan.make(for: request, candidates: completer(request), textAfterCursor: after)
        if let replacement = plan.replacement {
            // libedit counts the characters to delete in wide characters,
            // i.e. Unicode scalars, not bytes and not grapheme clusters.
            let status = cle_editor_replace_before_cursor(
                editor, Int32(clamping: request.word.unicodeScalars.count), replacement)
            return status == 0 ? Int32(CLE_COMPLETION_REFRESH) : Int32(CLE_COMPLETION_BEEP)
        }
        if !plan.listing.isEmpty {
            // The cursor is somewhere on the edited line: start below it, then
            // CC_REDISPLAY redraws prompt and line under the listing.
            cle_write_output("\n" + CompletionListing.format(plan.listing, width: Int(cle_terminal_columns())))
            return Int32(CLE_COMPLETION_REDISPLAY)
        }
        return Int32(CLE_COMPLETION_BEEP)
    }
}
