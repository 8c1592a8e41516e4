/// Lays out completion candidates in columns, filled top to bottom like `ls`.
enum CompletionListing {
    static func format(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let cellWidth = (items.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(items.count, max(width, 1) / max(cellWidth, 1)))
        let rows = (items.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < items.count else { break }
                let item = items[index]
                let isLastInRow = column == columns - 1 || (column + 1) * rows + row >= items.count
                line += isLastInRow ? item : item + String(repeating: " ", count: cellWidth - item.count)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
