import SurvResults

extension TextRenderer {
    /// A figure drawn in the terminal's characters; with `to FILE` a last line names the SVG file.
    func figure(_ r: FigureReport) -> String {
        var text: String
        switch r.content {
        case .survival(let figure): text = TerminalFigure.survival(FigureWording.worded(figure, format: format), style: figures)
        case .forest(let figure): text = TerminalFigure.forest(figure, style: figures)
        case .residuals(let figure): text = TerminalFigure.residuals(FigureWording.worded(figure, format: format), style: figures)
        }
        if let model = r.model { text = "model: \(model)\n" + text }
        if let path = r.path { text += "\nSVG file: \(path)" }
        return text
    }
}
