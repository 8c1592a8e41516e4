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

    /// As `escapingControls`, but the colour codes a figure is drawn with pass: `ESC[0m` and
    /// `ESC[38;5;Nm` (a 256-colour foreground), nothing else — not concealment, not cursor movement, not
    /// an OSC. For text whose strings from files were escaped before it was drawn in colour.
    public static func escapingAllButColours(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let escape = rest.firstIndex(of: "\u{1B}") {
            out += escapingControls(String(rest[..<escape]))
            let after = rest[escape...]
            if let code = colourCode(at: after) {
                out += code
                rest = after.dropFirst(code.count)
            } else {
                out += escapingControls("\u{1B}")
                rest = after.dropFirst()
            }
        }
        return out + escapingControls(String(rest))
    }

    private static func colourCode(at text: Substring) -> String? {
        if text.hasPrefix("\u{1B}[0m") { return "\u{1B}[0m" }
        let prefix = "\u{1B}[38;5;"
        guard text.hasPrefix(prefix) else { return nil }
        let digits = text.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count), text.dropFirst(prefix.count + digits.count).first == "m" else { return nil }
        return prefix + digits + "m"
    }

    /// C0 and C1 controls but newline and tab, DEL, and the bidirectional overrides and isolates.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { ControlScalars.isUnsafe(scalar) }
}
