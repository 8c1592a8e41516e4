import SurvResults

/// How strata are told apart. A notebook output carries no colour, so every stratum also has a line pattern
/// and a mark glyph of its own; colour (when the caller's terminal shows it) only adds to them. The SVG
/// colours are Okabe and Ito's palette, which readers with any common colour-vision deficiency tell apart.
enum FigurePalette {
    /// Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black. Yellow is left
    /// out: it does not show on white paper.
    static let svgColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The same hues in the 256-colour terminal palette.
    static let ansiColors = [25, 166, 36, 175, 214, 74, 244]

    /// Censoring marks, also drawn in the legend. Every one is a single column wide in any terminal
    /// (no East Asian "ambiguous width" symbols).
    static let marks = ["+", "×", "o", "*", "#", "@", "%", "&"]
    static let asciiMarks = ["+", "x", "o", "*", "#", "@", "%", "&"]

    /// The characters an ASCII drawing uses for a stratum's horizontal runs and vertical drops.
    static let asciiStrokes: [(horizontal: Character, vertical: Character)] = [
        ("_", "|"), (".", ":"), ("-", "!"), ("=", "#"), ("~", "I"), ("^", "/"),
    ]

    /// SVG dash patterns, only for strata beyond the palette's length (so the eighth stratum differs from
    /// the first by more than nothing).
    static let svgDashes = ["", "6 3", "2 3", "8 3 2 3"]

    static func svgColor(_ index: Int) -> String { svgColors[positive(index) % svgColors.count] }
    static func ansiColor(_ index: Int) -> Int { ansiColors[positive(index) % ansiColors.count] }
    static func mark(_ index: Int, ascii: Bool) -> String {
        let glyphs = ascii ? asciiMarks : marks
        return glyphs[positive(index) % glyphs.count]
    }
    static func asciiStroke(_ index: Int) -> (horizontal: Character, vertical: Character) {
        asciiStrokes[positive(index) % asciiStrokes.count]
    }
    static func svgDash(_ index: Int) -> String {
        svgDashes[(positive(index) / svgColors.count) % svgDashes.count]
    }

    /// Whether the n-th dot along a stratum's path is drawn: solid, dashed, dotted, dash-dot, long dash.
    static func patternShows(_ pattern: Int, _ step: Int) -> Bool {
        switch positive(pattern) % 5 {
        case 0: return true
        case 1: return step % 6 < 4
        case 2: return step % 2 == 0
        case 3: return step % 8 < 4 || step % 8 == 6
        default: return step % 10 < 7
        }
    }

    private static func positive(_ index: Int) -> Int { index < 0 ? 0 : index }
}
