/// The names of the strata as a figure prints them. The risk table cuts long names to fit its column;
/// when cutting leaves two names the same ("Group number…" for every arm), its rows could no longer be
/// told apart, so then every name is numbered, in the legend and in the table alike.
struct StratumNames {
    /// Whole names, for the legend.
    let legend: [String]
    /// Names cut to the table's column.
    let table: [String]

    init(_ labels: [String], cut: (String) -> String) {
        let shown = labels.map(FigureText.terminal)
        var table = shown.map(cut)
        // Strata of one column all begin with its name (`mrd_class=<0.1%`); when that makes a name too long,
        // the table drops the shared `mrd_class=` (the legend above still names it) before cutting anything.
        if table != shown, let prefix = Self.sharedColumnPrefix(shown) {
            table = shown.map { cut(String($0.dropFirst(prefix.count))) }
        }
        if Set(table).count == table.count {
            legend = shown
            self.table = table
        } else {
            legend = shown.enumerated().map { "\($0.offset + 1) \($0.element)" }
            self.table = legend.map(cut)
        }
    }

    /// `name=` when every label is `name=level` for the same single column (no `, ` joining several).
    static func sharedColumnPrefix(_ labels: [String]) -> String? {
        guard let first = labels.first, let equals = first.firstIndex(of: "=") else { return nil }
        let prefix = String(first[...equals])
        guard labels.allSatisfy({ $0.hasPrefix(prefix) && !$0.contains(", ") && $0.count > prefix.count }) else { return nil }
        return prefix
    }
}
