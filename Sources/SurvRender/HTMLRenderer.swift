import Foundation
import SurvResults

/// Collects the tables of one rendering; each stands in the text as a line of its own holding a marker no
/// data can forge (a random nonce per rendering).
final class TableSink: @unchecked Sendable {
    private(set) var tables: [TextTable] = []
    let nonce = UUID().uuidString

    func placeholder(for table: TextTable) -> String {
        tables.append(table)
        return "\u{1}table \(nonce) \(tables.count - 1)\u{1}"
    }

    func table(in line: Substring) -> TextTable? {
        let prefix = "\u{1}table \(nonce) "
        guard line.hasPrefix(prefix), line.hasSuffix("\u{1}"),
              let index = Int(line.dropFirst(prefix.count).dropLast()), tables.indices.contains(index) else { return nil }
        return tables[index]
    }
}

/// A result as an HTML fragment for an exported page: the text renderer's layout, its tables as real
/// tables (numbers right-aligned, the first column as row headers), the lines between them as text, and a
/// figure as inline SVG. Every string is escaped; nothing from the data reaches the page raw.
public enum HTMLRenderer {
    public static func fragment(_ report: Report, digits: Int = 3) -> String {
        if case .figure(let figure) = report {
            // Inline in a page the SVG needs no XML declaration.
            var svg = SVGFigure.svg(figure, digits: digits)
            if svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: "\n") { svg = String(svg[svg.index(after: end)...]) }
            return "<div class=\"figure\">\(svg)</div>"
        }
        return fragment(lines: [report], digits: digits)
    }

    /// Several results as one fragment, their texts line after line with no blank line between: a run of
    /// `expect` checks reads as one list, as a paper's table of published against computed values would.
    public static func fragment(lines reports: [Report], digits: Int = 3) -> String {
        var renderer = TextRenderer(digits: digits)
        let sink = TableSink()
        renderer.tableSink = sink
        let text = reports.map { renderer.render($0) }.joined(separator: "\n")
        var parts: [String] = []
        var run: [Substring] = []
        func flush() {
            while run.last?.isEmpty == true { run.removeLast() }
            while run.first?.isEmpty == true { run.removeFirst() }
            if !run.isEmpty { parts.append("<pre class=\"text\">\(escape(run.joined(separator: "\n")))</pre>") }
            run = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let table = sink.table(in: line) {
                flush()
                parts.append(html(table))
            } else {
                run.append(line)
            }
        }
        flush()
        return "<div class=\"result\">\n" + parts.joined(separator: "\n") + "\n</div>"
    }

    static func html(_ table: TextTable) -> String {
        var out = "<div class=\"table\"><table>"
        let hasHeader = !table.header.allSatisfy(\.isEmpty)
        if hasHeader {
            out += "<thead><tr>" + table.header.enumerated().map { i, cell in
                "<th\(alignment(table, i))>\(escape(cell))</th>"
            }.joined() + "</tr></thead>"
        }
        out += "<tbody>"
        // A row shorter than the header (a level under its variable, which carries no p) gets empty cells, so
        // its rule runs the table's whole width.
        let width = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        for row in table.rows {
            let cells = row + Array(repeating: "", count: max(0, width - row.count))
            out += "<tr>" + cells.enumerated().map { i, cell in
                // The first column names the row (a stratum, a term, a level).
                i == 0 ? "<th scope=\"row\">\(escape(cell))</th>" : "<td\(alignment(table, i))>\(escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    private static func alignment(_ table: TextTable, _ i: Int) -> String {
        (i < table.alignments.count ? table.alignments[i] : .right) == .right ? " class=\"num\"" : ""
    }

    /// Text safe inside HTML elements and double-quoted attributes; control characters shown as escapes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in TerminalText.escapingControls(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
