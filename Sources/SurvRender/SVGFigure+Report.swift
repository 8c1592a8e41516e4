import SurvResults

extension SVGFigure {
    /// The SVG of a `plot` result, its p-values worded as the tables word them.
    public static func svg(_ report: FigureReport, digits: Int = 3) -> String {
        let style = SVGFigureStyle(digits: digits)
        let format = NumberFormat(digits: digits)
        switch report.content {
        case .survival(let figure): return survival(FigureWording.worded(figure, format: format), style: style)
        case .forest(let figure): return forest(figure, style: style)
        case .residuals(let figure): return residuals(FigureWording.worded(figure, format: format), style: style)
        }
    }
}
