/// A plain text table: a header row and aligned columns, two spaces apart. Text columns align left,
/// numbers right.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(_ header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? ([.left] + Array(repeating: .right, count: max(0, header.count - 1)))
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func rendered(indent: String = "") -> String {
        // Cells hold names and levels from data files: escaped before they are measured, so a control
        // character shown as `\x1b` takes the width it is shown with.
        // A header with no text (a two-column listing such as `show`) is not printed: it would be a blank line.
        let shown = header.allSatisfy(\.isEmpty) ? rows : [header] + rows
        let all = shown.map { $0.map(TerminalText.escapingControls) }
        let count = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return all.map { row in
            var line = indent
            for i in 0..<count {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let alignment = i < alignments.count ? alignments[i] : .right
                line += (i == 0 ? "" : "  ") + (alignment == .left ? cell + pad : pad + cell)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
