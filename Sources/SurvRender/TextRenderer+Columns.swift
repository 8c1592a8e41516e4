import SurvCore
import SurvResults

extension TextRenderer {
    /// `show columns`: one row per column; the values column shows a labelled category's codes, so that
    /// `where arm == 1` can be written without opening the file elsewhere.
    func columns(_ r: ColumnListReport) -> String {
        var t = TextTable(["", "type", "missing", "label", "values"], alignments: [.left, .left, .right, .left, .left])
        for c in r.columns {
            t.append([c.name, c.kind.rawValue, String(c.missing), c.label ?? "", Self.values(of: c)])
        }
        let head = "\(r.dataset): \(NumberFormat.count(r.columns.count, "column")), \(NumberFormat.count(r.rows, "row"))"
        return head + "\n" + rendered(t, narrowing: "show the levels of one column with tab COLUMN")
    }

    /// At most this many levels are listed in the values column.
    static let levelsShown = 6

    static func values(of c: ColumnInfo) -> String {
        guard !c.levels.isEmpty else { return "" }
        let shown: [String]
        if let codes = c.codes {
            // A code without a label is its own level: `3`, not `3 = 3`.
            shown = zip(codes, c.levels).prefix(levelsShown).map { code, level in
                let number = NumberFormat().data(code)
                return number == level ? number : "\(number) = \(level)"
            }
        } else {
            shown = Array(c.levels.prefix(levelsShown))
        }
        let more = c.levels.count > levelsShown ? ", … (\(c.levels.count) levels)" : ""
        return shown.joined(separator: ", ") + more
    }
}
