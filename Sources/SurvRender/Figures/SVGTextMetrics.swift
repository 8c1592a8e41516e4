/// How wide text is in the figures' sans-serif font, to lay out around it (margins, legend entries, the
/// p-value's box, which tick labels fit). Helvetica's advance widths, which Arial and Liberation Sans share;
/// other characters count as wide, so an estimate errs towards more room.
enum SVGTextMetrics {
    /// Thousandths of an em for the printable ASCII characters, from space (32) to tilde (126).
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if value >= 32 && value <= 126 {
                units += ascii[value - 32]
            } else if DisplayWidth.isWide(scalar.value) {
                units += 1000
            } else {
                units += 650
            }
        }
        // Bold Helvetica is about 6% wider.
        return Double(units) / 1000 * size * (bold ? 1.06 : 1)
    }
}
