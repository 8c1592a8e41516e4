import Foundation
import SurvRender
import SurvSession

/// Every byte surv prints goes through here, for three reasons:
/// - text from files (data, notebooks) reaches the terminal with its control characters shown as escapes
///   (`TerminalText`), never obeyed;
/// - a write that fails is never silent: standard output that cannot be written (a full disk, a closed
///   descriptor) is reported and ends surv with status 1, and a failed write to standard error makes the exit
///   status 1; neither traps, as Foundation's `FileHandle.write` does;
/// - a reader that goes away (`surv run x | head -1`) ends surv quietly, as it ends `cat`.
enum StandardStreams {
    nonisolated(unsafe) private(set) static var errorStreamFailed = false
    /// Standard streams that were closed when surv started; /dev/null now holds their descriptors.
    nonisolated(unsafe) private static var closedAtStart: Set<Int32> = []

    /// SIGPIPE would kill surv in the middle of a write; ignored, the write fails with EPIPE instead,
    /// which `out` turns into a quiet exit. A standard stream closed at start (`surv 2>&-`) gets /dev/null
    /// on its descriptor: otherwise the next file surv opens (a journal, a notebook being saved) would take
    /// descriptor 2 and receive the error messages. Writes to such a stream count as failed.
    static func setUp() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            closedAtStart.insert(descriptor)
        }
    }

    static func out(_ text: String) { write(TerminalText.escapingControls(text)) }

    /// A figure drawn in colour: only its colour codes reach the terminal unescaped.
    static func outColoured(_ text: String) { write(TerminalText.escapingAllButColours(text)) }

    private static func write(_ shown: String) {
        // libedit writes through C's stdio buffer: flush it first so the two never interleave out of order.
        fflush(nil)
        let failure = closedAtStart.contains(STDOUT_FILENO) ? EBADF : writeAll(shown, to: STDOUT_FILENO)
        guard let failure else { return }
        if failure == EPIPE { exit(141) }  // the status a shell reports for a reader that left
        err("surv: cannot write standard output: \(String(cString: strerror(failure)))\n")
        exit(1)
    }

    static func err(_ text: String) {
        fflush(nil)
        if closedAtStart.contains(STDERR_FILENO) || writeAll(TerminalText.escapingControls(text), to: STDERR_FILENO) != nil {
            errorStreamFailed = true
        }
    }

    /// The process's exit status once a command has otherwise succeeded.
    static var finalStatus: Int32 { errorStreamFailed ? 1 : 0 }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { FilePath.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
