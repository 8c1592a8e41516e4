/// Lets a long computation stop early when the person at the prompt presses Ctrl-C. The core handles no
/// signals itself: the program installs the check once at start-up, and long loops poll it at points
/// where stopping leaves nothing half-done (they throw, so the caller's state is untouched).
public enum Interruption {
    /// Set once by the executable before any computation runs; read-only afterwards.
    nonisolated(unsafe) public static var isRequested: @Sendable () -> Bool = { false }

    /// Throws `CoreError.interrupted` if an interruption was requested.
    public static func checkpoint() throws(CoreError) {
        if isRequested() { throw CoreError.interrupted }
    }
}

extension CoreError {
    public static let interrupted = CoreError("interrupted by Ctrl-C; nothing was changed")
}
