import Foundation

/// Fixed, deterministic number formatting for text output (notebooks compare outputs byte for byte).
public struct NumberFormat: Sendable {
    /// Significant digits for estimates (`set digits N`).
    public var digits: Int

    public init(digits: Int = 3) {
        self.digits = max(1, min(15, digits))
    }

    /// A value with `digits` significant digits, without exponent for ordinary magnitudes.
    public func significant(_ value: Double?) -> String {
        guard let value else { return "NR" }
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf") }
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude >= 15 || magnitude < -5 { return String(format: "%.\(digits - 1)e", value) }
        let decimals = max(0, digits - 1 - magnitude)
        return String(format: "%.\(decimals)f", value)
    }

    /// A value with a fixed number of decimals (probabilities, hazard ratios).
    public func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "NR" }
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf") }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-" + String(format: "%.\(decimals)f", 0.0) ? String(text.dropFirst()) : text
    }

    /// A time or other measurement: up to `digits`+1 significant digits, trailing zeros dropped.
    public func measure(_ value: Double?) -> String {
        guard let value else { return "NR" }
        guard value.isFinite else { return value.isNaN ? "NA" : "Inf" }
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.\(max(digits, 4))g", value)
        if text.contains(".") && !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A confidence level as a percentage: at most one decimal, never rounded up to 100 (0.999 → "99.9%").
    public static func percent(_ level: Double) -> String {
        // The small nudge absorbs representation error (0.95 * 1000 may fall just below 950).
        let tenths = (level * 1000 + 1e-6).rounded(.down) / 10
        let text = String(format: "%.1f", tenths)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    /// p-values: two significant digits down to 0.001, scientific below, never printed as 0.
    public func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "NA" }
        if p >= 0.9995 { return "1.000" }
        if p >= 0.001 { return String(format: "%.\(p >= 0.01 ? 3 : 4)f", p) }
        if p == 0 { return "<1e-300" }
        return String(format: "%.1e", p)
    }
}
