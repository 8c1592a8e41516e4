import CLineEdit

/// Ctrl-C handling for the whole process.
///
/// Once installed, SIGINT never terminates surv: it sets `requested`, which a
/// long computation polls to stop early, and it discards the line at the
/// prompt (see `LineEditor.readLine(prompt:)`).
public enum Interrupts {
    /// Installs the SIGINT handler (and a SIGWINCH handler the editor uses to
    /// follow terminal resizes). Safe to call more than once.
    /// Returns false if the handlers could not be installed.
    @discardableResult
    public static func install() -> Bool {
        cle_interrupts_install() == 0
    }

    /// True once Ctrl-C was pressed since the last `clear()`.
    public static var requested: Bool {
        cle_interrupt_requested() != 0
    }

    /// Forgets a pending Ctrl-C, e.g. before starting the next command.
    public static func clear() {
        cle_interrupt_clear()
    }
}
