/// The project's own small SVG writer. Figures need a handful of elements (lines, paths, rectangles,
/// circles, text), and two guarantees a general library would not promise: the same input gives the same
/// bytes (numbers printed by one fixed rule, attributes in a fixed order), and every string from the data
/// is escaped, since stratum labels and terms come from files the user did not write.
struct SVGDocument {
    let width: Double
    let height: Double
    private var body: [String] = []

    /// The fonts a journal's production system and every browser have, in order of preference.
    static let fontFamily = "Helvetica, Arial, 'Liberation Sans', sans-serif"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    enum Anchor: String { case start, middle, end }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil) {
        var element = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let opacity { element += " fill-opacity=\"\(n(opacity))\"" }
        body.append(element + "/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", width: Double = 1,
                       dash: String = "") {
        var element = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if !dash.isEmpty { element += " stroke-dasharray=\"\(dash)\"" }
        body.append(element + "/>")
    }

    /// A path; `d` comes from `SVGPath`, which prints only numbers and commands.
    mutating func path(_ d: SVGPath, stroke: String? = nil, width: Double = 1, fill: String? = nil, fillOpacity: Double? = nil,
                       dash: String = "") {
        guard !d.isEmpty else { return }
        var element = "<path d=\"\(d.text)\" fill=\"\(fill ?? "none")\""
        if let fillOpacity { element += " fill-opacity=\"\(n(fillOpacity))\"" }
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"miter\"" }
        if !dash.isEmpty { element += " stroke-dasharray=\"\(dash)\"" }
        body.append(element + "/>")
    }

    /// Zero-length subpaths drawn with round caps: a dot of `size` pixels at each, in a few bytes apiece.
    mutating func pathWithRoundDots(_ d: SVGPath, color: String, size: Double) {
        guard !d.isEmpty else { return }
        body.append("<path d=\"\(d.text)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(size))\" stroke-linecap=\"round\"/>")
    }

    /// Text from anywhere (data included): escaped here, never by the caller.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                       bold: Bool = false, fill: String = "#000000", rotate: Bool = false) {
        var element = "<text x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        element += " font-size=\"\(n(size))\""
        if bold { element += " font-weight=\"bold\"" }
        if fill != "#000000" { element += " fill=\"\(fill)\"" }
        if rotate { element += " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" }
        body.append(element + ">" + Self.escaped(content) + "</text>")
    }

    mutating func openGroup(_ id: String) {
        body.append("<g id=\"\(Self.escaped(id))\">")
    }

    mutating func closeGroup() { body.append("</g>") }

    func rendered() -> String {
        let header = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))" font-family="\(Self.fontFamily)">
            <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
            """
        return header + "\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }

    private func n(_ value: Double) -> String { SVGNumber.text(value) }

    /// Text safe inside an element or a quoted attribute. Control characters (which XML 1.0 forbids or a
    /// reader would act on), bidirectional overrides and the non-characters U+FFFE/U+FFFF are shown as
    /// escapes like `\x1b`, as terminal output shows them (`FigureText`); then XML's five special characters.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in FigureText.terminal(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Coordinates with at most two decimals, trailing zeros dropped, never `-0`; a value that is not finite
/// (which a figure should never produce) prints as 0 rather than making the file invalid. Printed from an
/// integer count of hundredths rather than with `String(format:)`: the same bytes on every platform.
enum SVGNumber {
    static func text(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        // No figure coordinate comes near this; the bound keeps the conversion below in range.
        let value = min(1e12, max(-1e12, value))
        let scale = decimals == 1 ? 10.0 : 100.0
        let rounded = (value * scale).rounded() / scale
        if rounded == 0 { return "0" }
        var digits = String(Int64(abs(rounded * scale).rounded()))
        let places = decimals == 1 ? 1 : 2
        while digits.count <= places { digits = "0" + digits }
        var whole = String(digits.dropLast(places)), fraction = String(digits.suffix(places))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        return (rounded < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}

/// A path's `d` attribute, built from commands; coordinates at one decimal (a tenth of a pixel), which
/// keeps a long curve's path short.
struct SVGPath {
    private(set) var text = ""
    var isEmpty: Bool { text.isEmpty }

    private static func n(_ value: Double) -> String { SVGNumber.text(value, decimals: 1) }

    mutating func move(_ x: Double, _ y: Double) { text += "M" + Self.n(x) + " " + Self.n(y) }
    mutating func line(_ x: Double, _ y: Double) { text += "L" + Self.n(x) + " " + Self.n(y) }
    mutating func horizontal(_ x: Double) { text += "H" + Self.n(x) }
    mutating func vertical(_ y: Double) { text += "V" + Self.n(y) }
    /// A relative move, for marks drawn as small strokes around a point.
    mutating func moveBy(_ dx: Double, _ dy: Double) { text += "m" + Self.n(dx) + " " + Self.n(dy) }
    mutating func horizontalBy(_ dx: Double) { text += "h" + Self.n(dx) }
    mutating func verticalBy(_ dy: Double) { text += "v" + Self.n(dy) }
    mutating func close() { text += "Z" }
}
