import SurvResults

/// A page of terminal cells that a figure is composed on: text and canvas cells are placed by column, so
/// everything that must line up (tick labels and the numbers at risk) is placed by the same arithmetic.
/// A character two columns wide takes its cell and the next.
struct CharacterGrid {
    let width: Int
    private(set) var lines: [[Cell]] = []

    struct Cell {
        /// One column's text; empty for the second column of a wide character.
        var text: String = " "
        /// Index into the palette, or -1 for the terminal's own colour.
        var color: Int = -1
    }

    init(width: Int) {
        self.width = max(1, width)
    }

    /// Appends a blank line and returns its index.
    @discardableResult
    mutating func addLine() -> Int {
        lines.append([Cell](repeating: Cell(), count: width))
        return lines.count - 1
    }

    /// Writes `text` from `column` on; what falls outside the page is dropped. The text must already be
    /// safe for a terminal (see `FigureText`).
    mutating func put(_ text: String, line: Int, column: Int, color: Int = -1) {
        guard line >= 0, line < lines.count else { return }
        var at = column
        for character in text {
            let w = DisplayWidth.of(character)
            if at >= 0 && at + w <= width {
                lines[line][at] = Cell(text: String(character), color: color)
                if w == 2 { lines[line][at + 1] = Cell(text: "", color: color) }
            }
            at += w
            if at >= width { break }
        }
    }

    /// The page as text: trailing blanks dropped, colour as 256-colour ANSI codes when asked.
    func rendered(color: Bool) -> String {
        lines.map { line in
            var end = line.count
            while end > 0 && line[end - 1].text == " " { end -= 1 }
            var out = "", current = -1
            for cell in line[..<end] {
                if color && cell.color != current {
                    out += cell.color < 0 ? "\u{1B}[0m" : "\u{1B}[38;5;\(FigurePalette.ansiColor(cell.color))m"
                    current = cell.color
                }
                out += cell.text
            }
            if color && current >= 0 { out += "\u{1B}[0m" }
            return out
        }.joined(separator: "\n")
    }
}
