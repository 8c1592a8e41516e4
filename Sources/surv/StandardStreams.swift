import Foundation
import SurvRender

/// Every byte surv prints goes through here, for three reasons:
/// - text from files (data, notebooks) reaches the terminal with its control characters shown as escapes
///   (`TerminalText`), never obeyed;
/// - a write that fails is never silent: standard output that cannot be written (a full disk, a closed
///   descriptor) is reported and ends surv with status 1, and a failed write to standard error makes the exit
///   status 1; neither traps, as Foundation's `FileHandle.write` does;
/// - a reader that goes away (`surv run x | head -1`) ends surv quietly, as it ends `cat`.
enum StandardStreams {
    nonisolated(unsafe) private(set) static var errorStreamFailed = false

    /// SIGPIPE would kill surv in the middle of a write; ignored, the write fails with EPIPE instead,
    /// which `out` turns into a quiet exit.
    static func setUp() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func out(_ text: String) {
        // libedit writes through C's stdio buffer: flush it first so the two never interleave out of order.
        fflush(nil)
        guard let failure = writeAll(TerminalText.escapingControls(text), to: STDOUT_FILENO) else { return }
        if failure == EPIPE { exit(141) }  // the status a shell reports for a reader that left
        err("surv: cannot write standard output: \(String(cString: strerror(failure)))\n")
        exit(1)
    }

    static func err(_ text: String) {
        fflush(nil)
        if writeAll(TerminalText.escapingControls(text), to: STDERR_FILENO) != nil { errorStreamFailed = true }
    }

    /// The process's exit status once a command has otherwise succeeded.
    static var finalStatus: Int32 { errorStreamFailed ? 1 : 0 }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if written == 0 { return EIO }
                offset += written
            }
            return nil
        }
    }
}
