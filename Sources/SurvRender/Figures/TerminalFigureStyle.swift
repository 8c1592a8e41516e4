import SurvResults

/// How a terminal figure is drawn. The caller decides: width follows the terminal at the prompt and is
/// fixed in notebooks and scripts (so outputs replay byte for byte); colour only when the output is an
/// interactive terminal and NO_COLOR is unset.
public struct TerminalFigureStyle: Sendable, Equatable {
    /// Columns of the whole figure, labels included.
    public var width: Int
    /// Rows of the plotting area of one plot (a zph panel, the survival curves).
    public var height: Int
    /// Plain ASCII: no braille, no box-drawing characters.
    public var ascii: Bool
    /// 256-colour ANSI codes per stratum, on top of the patterns and marks that tell strata apart.
    public var color: Bool
    /// Significant digits of estimates (hazard ratios).
    public var digits: Int

    public init(width: Int = 72, height: Int = 13, ascii: Bool = false, color: Bool = false, digits: Int = 3) {
        self.width = width
        self.height = height
        self.ascii = ascii
        self.color = color
        self.digits = digits
    }

    /// Narrower than this, axis labels and a plot no longer fit side by side.
    public static let minimumWidth = 40
    public static let maximumWidth = 400

    var pageWidth: Int { min(max(width, Self.minimumWidth), Self.maximumWidth) }
    var plotHeight: Int { min(max(height, 4), 200) }
    var format: NumberFormat { NumberFormat(digits: digits) }

    /// The box-drawing characters of the axes, or their ASCII stand-ins.
    var axis: (vertical: String, tick: String, corner: String, horizontal: String, xTick: String, ellipsis: String) {
        ascii ? ("|", "+", "+", "-", "+", "~") : ("│", "┤", "└", "─", "┬", "…")
    }
}
