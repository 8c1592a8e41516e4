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
        let table = shown.map(cut)
        if Set(table).count == table.count {
            legend = shown
            self.table = table
        } else {
            legend = shown.enumerated().map { "\($0.offset + 1) \($0.element)" }
            self.table = legend.map(cut)
        }
    }
}
