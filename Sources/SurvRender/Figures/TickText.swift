import SurvResults

/// The text of an axis's ticks. One axis prints its ticks with one number of decimals (0.00, 0.25, 0.50
/// rather than 0, 0.25, 0.5), the fewest that shows every tick exactly, as R's axes do.
enum TickText {
    /// The most decimals a tick is printed with; finer ticks are a step the caller asked for, shown rounded.
    static let maximumDecimals = 6

    static func format(_ values: [Double], percent: Bool) -> [String] {
        let scaled = values.map { percent ? $0 * 100 : $0 }
        let suffix = percent ? "%" : ""
        let plain = scaled.map { NumberFormat().data($0) }
        if plain.contains(where: { $0.contains("e") || $0 == NumberFormat.missing || $0.hasSuffix("Inf") }) {
            return plain.map { $0 + suffix }
        }
        let decimals = min(maximumDecimals, plain.map { text in
            text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        }.max() ?? 0)
        return scaled.map { NumberFormat.fixedText($0, decimals: decimals) + suffix }
    }
}
