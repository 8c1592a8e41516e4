import SurvResults

/// The words a figure prints that come from numbers (a p-value), in the number format of the tables, so a
/// figure and the table beside it print the same p.
enum FigureWording {
    static func worded(_ figure: SurvivalFigure, format: NumberFormat) -> SurvivalFigure {
        guard figure.pValueText == nil else { return figure }
        var copy = figure
        if let p = figure.logRankP { copy.pValueText = "log-rank " + format.pClause(p) }
        else if let p = figure.grayP { copy.pValueText = "Gray's test " + format.pClause(p) }
        return copy
    }

    static func worded(_ figure: ResidualFigure, format: NumberFormat) -> ResidualFigure {
        var copy = figure
        if copy.xAxis.tickLabels.isEmpty, !copy.xAxis.tickTimes.isEmpty {
            copy.xAxis.tickLabels = copy.xAxis.tickTimes.map { format.data($0) }
        }
        copy.panels = figure.panels.map { panel in
            guard panel.pValueText == nil, let p = panel.p else { return panel }
            var worded = panel
            worded.pValueText = format.pClause(p)
            return worded
        }
        return copy
    }
}
