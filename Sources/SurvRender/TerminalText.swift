import SurvResults

/// Text bound for a terminal, with every character that a terminal would act on rather than show made
/// visible as an escape. Outputs carry strings from files (column names, levels, paths, a notebook's
/// recorded outputs); raw, an escape sequence among them could rewrite the clipboard (OSC 52), hide the
/// lines after it (ESC[8m) or move the cursor over a diff. Newlines and tabs are layout and pass through.
public enum TerminalText {
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            out += scalar.value < 0x100
                ? "\\x" + (hex.count < 2 ? "0" : "") + hex
                : "\\u{" + hex + "}"
        }
        return out
    }

    /// C0 and C1 controls but newline and tab, DEL, and the bidirectional overrides and isolates.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { ControlScalars.isUnsafe(scalar) }
}
