/// What `plot` produces: the figure's data, drawn in the terminal by the text renderer and as SVG by the
/// SVG renderer, and where the SVG went when one was asked for.
public struct FigureReport: Codable, Equatable, Sendable {
    public enum Content: Codable, Equatable, Sendable {
        case survival(SurvivalFigure)
        case forest(ForestFigure)
        case residuals(ResidualFigure)
    }

    public var content: Content
    /// `to "FILE.svg"` as typed, relative to the session's folder.
    public var path: String?
    /// The command that fitted the model shown (`plot zph`, `plot cox`).
    public var model: String?
    public var conventions: Conventions

    public init(content: Content, path: String? = nil, model: String? = nil, conventions: Conventions) {
        self.content = content
        self.path = path
        self.model = model
        self.conventions = conventions
    }
}
