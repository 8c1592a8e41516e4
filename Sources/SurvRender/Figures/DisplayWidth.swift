import SurvResults

/// How many terminal columns text takes. Figures place text by column, so a label with CJK characters or an
/// emoji (two columns each) must be measured as shown, not counted in characters.
enum DisplayWidth {
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// East Asian wide and fullwidth ranges and the emoji blocks terminals draw two columns wide.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
             0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` columns, ending in `ellipsis` when cut.
    static func truncated(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard of(text) > width else { return text }
        let room = width - of(ellipsis)
        guard room > 0 else { return String(repeating: ".", count: max(0, width)) }
        var out = "", used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }
}

/// Text from the data (stratum labels, terms, titles) made safe to place in a figure: every control
/// character, newline and tab included, shown as an escape, since one would break the figure's layout or
/// act on the terminal. The SVG shows the same text, so both drawings measure what they show.
enum FigureText {
    static func terminal(_ text: String) -> String {
        var shown = TerminalText.escapingControls(text)
            .replacingOccurrences(of: "\n", with: "\\x0a")
            .replacingOccurrences(of: "\t", with: "\\x09")
        // Non-characters: invalid in XML, and shown as nothing useful by a terminal.
        if shown.unicodeScalars.contains(where: { $0 == "\u{FFFE}" || $0 == "\u{FFFF}" }) {
            shown = shown.replacingOccurrences(of: "\u{FFFE}", with: "\\u{fffe}").replacingOccurrences(of: "\u{FFFF}", with: "\\u{ffff}")
        }
        return shown
    }
}
