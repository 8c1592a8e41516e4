/// Prose wrapped at word boundaries to fit a terminal of `width` columns (80: a notebook cell, a
/// standard terminal). Help and warnings are prose; tables are not wrapped (a wrapped row misaligns).
public enum TextWrap {
    public static let width = 80

    /// Each line of `text` wrapped separately; a line's continuation keeps the line's own leading
    /// spaces plus `hanging` (so a wrapped `warning: ...` or help item stays visibly one item). A word
    /// longer than the width is left whole rather than cut (a path or a name must stay copyable).
    public static func wrap(_ text: String, width: Int = width, hanging: String = "") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            wrapLine(String(line), width: width, hanging: hanging)
        }.joined(separator: "\n")
    }

    static func wrapLine(_ line: String, width: Int, hanging: String) -> String {
        guard line.count > width else { return line }
        let indent = String(line.prefix { $0 == " " })
        let continuation = indent + hanging
        var lines: [String] = [], current = indent
        for word in line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false) {
            let atStart = current == indent || current == continuation
            if !atStart && current.count + 1 + word.count > width {
                lines.append(current)
                current = continuation + word
            } else {
                current += (atStart ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}
