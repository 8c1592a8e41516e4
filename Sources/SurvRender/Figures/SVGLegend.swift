/// The legend of an SVG figure, above the plot: per stratum a short line in its colour (with its censoring
/// mark) and its label. Entries flow left to right and wrap, so none is ever drawn over the curves.
struct SVGLegend {
    struct Entry {
        var label: String
        var x: Double
        var baseline: Double
        var index: Int
    }

    let entries: [Entry]
    let bottom: Double
    let marks: Bool

    static let sample = 24.0, gap = 18.0, rowHeight = 18.0

    init(labels: [String], marks: Bool, left: Double, right: Double, top: Double, pageLeft: Double) {
        self.marks = marks
        let font = SVGFigureStyle.fontSize
        guard !labels.isEmpty, !(labels.count == 1 && labels[0].isEmpty) else {
            entries = []
            bottom = top
            return
        }
        let shown = labels.map { Self.cut($0, to: max(40, right - pageLeft - Self.sample - 6), size: font) }
        let widths = shown.map { Self.sample + 6 + SVGTextMetrics.width($0, size: font) }
        let oneRow = widths.reduce(0, +) + Self.gap * Double(widths.count - 1)
        let start = oneRow <= right - left ? left : pageLeft
        var entries: [Entry] = []
        var x = start, row = 0
        for (index, label) in shown.enumerated() {
            if x > start && x + widths[index] > right {
                row += 1
                x = start
            }
            entries.append(Entry(label: label, x: x, baseline: top + 13 + Double(row) * Self.rowHeight, index: index))
            x += widths[index] + Self.gap
        }
        self.entries = entries
        bottom = top + Double(row + 1) * Self.rowHeight
    }

    func draw(on document: inout SVGDocument) {
        guard !entries.isEmpty else { return }
        document.openGroup("legend")
        for entry in entries {
            let color = FigurePalette.svgColor(entry.index)
            let middle = entry.baseline - 4
            document.line(x1: entry.x, y1: middle, x2: entry.x + Self.sample, y2: middle, stroke: color, width: 1.5,
                          dash: FigurePalette.svgDash(entry.index))
            if marks {
                let cx = entry.x + Self.sample / 2
                var mark = SVGPath()
                mark.move(cx, middle - 4)
                mark.verticalBy(8)
                document.path(mark, stroke: color, width: 1.2)
            }
            document.text(entry.label, x: entry.x + Self.sample + 6, y: entry.baseline, size: SVGFigureStyle.fontSize)
        }
        document.closeGroup()
    }

    /// `text` cut to at most `width` pixels, ending in an ellipsis when cut.
    static func cut(_ text: String, to width: Double, size: Double) -> String {
        guard SVGTextMetrics.width(text, size: size) > width else { return text }
        // Measured a character at a time, so a label of a million characters costs a million steps.
        let room = width - SVGTextMetrics.width("…", size: size)
        var out = "", used = 0.0
        for character in text {
            let next = SVGTextMetrics.width(String(character), size: size)
            if used + next > room { break }
            out.append(character)
            used += next
        }
        return out + "…"
    }
}
