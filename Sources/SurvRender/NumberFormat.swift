import Foundation
import SurvResults

/// The one number formatter of text output. Notebooks compare outputs byte for byte, so every rule is
/// fixed and documented (docs/language.md, "How numbers are printed"); each kind of number has one rule:
///
/// - `data`: values as the data has them (times, breaks, describe's median, quartiles and range);
/// - `estimate`: computed quantities to `digits` significant digits (HR, coef, chi-square, mean, RMST);
/// - `probability`: survival and concordance to `digits` decimals, their standard errors to one more;
/// - `pValues`: p-values, each in its own style (R's `format.pval`);
/// - `count`: a count and its noun, singular for one.
public struct NumberFormat: Sendable {
    /// Significant digits for estimates (`set digits N`).
    public var digits: Int

    /// The most significant digits a data value's fraction is printed to: enough for any measured value,
    /// few enough that arithmetic noise (0.1 * 3) does not show. Whole numbers are always printed whole.
    public static let dataDigits = 10
    /// Plain positional notation is used for magnitudes in [1e-6, 1e15); outside it, scientific.
    static let smallest = 1e-6, largest = 1e15
    /// The smallest p-value printed as a number; below it (or 0, an underflow) p is `< 1e-300`.
    static let smallestP = 1e-300

    /// A value that does not exist (no data, an undefined confidence limit).
    public static let missing = "NA"
    /// A median or quantile the curve never reaches.
    public static let notReached = "NR"

    public init(digits: Int = 3) {
        self.digits = max(1, min(15, digits))
    }

    // MARK: - Data values

    /// The shortest decimal that reads back as the same number, rounded to at most `dataDigits`
    /// significant digits in the fraction: `10.0004`, `12345.6`, `301751120`, never an exponent for
    /// magnitudes in [1e-6, 1e15).
    public func data(_ value: Double?) -> String {
        guard let value else { return Self.missing }
        if let special = Self.special(value) { return special }
        let digitsNeeded = Self.shortestDigits(value, cap: 17)
        let exponent = Self.exponent(value, significant: min(digitsNeeded, Self.dataDigits))
        if !Self.positional(value) {
            return Self.scientific(value, significant: min(digitsNeeded, Self.dataDigits))
        }
        // Whole-number digits are never rounded away; only the fraction is capped.
        let significant = max(min(digitsNeeded, Self.dataDigits), exponent + 1)
        var text = Self.fixedText(value, decimals: max(0, significant - 1 - exponent))
        // Capping at `dataDigits` can leave zeros (0.30000000000000004 → 0.3000000000): they say nothing.
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A median or quantile time: its data value, or NR when the curve does not reach it.
    public func reached(_ value: Double?) -> String {
        value.map(data) ?? Self.notReached
    }

    // MARK: - Estimates

    /// `digits` significant digits, rounded before the decimals are chosen (9.9996 → `10.0`, not `10.00`);
    /// whole-number digits are never dropped (12345.6 → `12346`).
    public func estimate(_ value: Double?) -> String {
        guard let value else { return Self.missing }
        if let special = Self.special(value) { return special }
        if !Self.positional(value) { return Self.scientific(value, significant: digits, keepZeros: true) }
        let exponent = Self.exponent(value, significant: digits)
        return Self.fixedText(value, decimals: max(0, digits - 1 - exponent))
    }

    /// Survival probabilities, their limits and the concordance: `digits` decimals.
    public func probability(_ value: Double?) -> String { decimals(value, digits) }

    /// The standard error of a probability: one decimal more than the probability.
    public func probabilityStdErr(_ value: Double?) -> String { decimals(value, digits + 1) }

    /// A z statistic: `digits − 1` decimals (`-3.29`).
    public func zScore(_ value: Double?) -> String { decimals(value, max(0, digits - 1)) }

    /// A percentage of a count: `digits − 2` decimals, at least one (`45.5`).
    public func percentage(_ value: Double?) -> String { decimals(value, max(1, digits - 2)) }

    /// A fixed number of decimals; never `-0.00`.
    public func decimals(_ value: Double?, _ places: Int) -> String {
        guard let value else { return Self.missing }
        // Zero keeps its decimals here (a survival of 0.000 lines up with 0.909).
        if value != 0, let special = Self.special(value) { return special }
        return Self.fixedText(value, decimals: places)
    }

    /// A confidence level as a percentage: at most one decimal, never rounded up to 100 (0.999 → "99.9%").
    public static func percent(_ level: Double) -> String { Wording.percent(level) }

    // MARK: - Intervals

    /// `lower–upper`, each printed by `show`; a limit that does not exist is `missing`. When the lower limit
    /// is negative the limits are joined by ` to `, since `-17.1–-3.2` reads as subtraction.
    public func interval(_ lower: Double?, _ upper: Double?, missing: String = NumberFormat.missing,
                         _ show: (Double?) -> String) -> String {
        interval(lower: lower.map { show($0) } ?? missing, upper: upper.map { show($0) } ?? missing,
                 negative: (lower ?? 0) < 0 || (upper ?? 0) < 0)
    }

    /// Two limits already printed, joined as `interval` joins them.
    public func interval(lower: String, upper: String, negative: Bool) -> String {
        negative ? "\(lower) to \(upper)" : "\(lower)–\(upper)"
    }

    // MARK: - p-values

    /// The p-values of one column or table, each in its own style as R's `format.pval` prints them: decimals
    /// from 0.001 up (`0.065`, `0.0012`), scientific notation with two significant digits below it
    /// (`9.9e-04`), so that a p of 0.16 beside one of 4e-05 still reads `0.164`, never `1.6e-01`. Below
    /// 1e-300 (an underflow) p is `<1e-300`; a p that does not exist is NA.
    public func pValues(_ ps: [Double?]) -> [String] {
        ps.map { p in
            guard let p, p.isFinite else { return Self.missing }
            if p < Self.smallestP { return "<1e-300" }
            if p < 0.001 { return String(format: "%.1e", p) }
            if p >= 0.9995 { return "1.000" }
            // Two significant digits below 0.01, but a value rounding up to 0.010 takes the next style.
            if p < 0.01 {
                let text = String(format: "%.4f", p)
                if text != "0.0100" { return text }
            }
            return String(format: "%.3f", p)
        }
    }

    /// One p-value standing alone (its own table).
    public func pValue(_ p: Double?) -> String { pValues([p])[0] }

    /// `p = 0.065`, or `p < 1e-300` for an underflow: never `p = <1e-300`.
    public func pClause(_ p: Double?) -> String { pClause(pValue(p)) }

    /// The clause for a p-value already formatted with its table's style.
    public func pClause(_ text: String) -> String {
        text.hasPrefix("<") ? "p < " + text.dropFirst() : "p = " + text
    }

    // MARK: - Counts

    /// `1 event`, `18 events`: the noun in the singular for exactly one.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String { Wording.count(n, noun, plural: plural) }

    // MARK: - Shared rules

    static func special(_ value: Double) -> String? {
        if value.isNaN { return missing }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        return value == 0 ? "0" : nil
    }

    static func positional(_ value: Double) -> Bool {
        abs(value) >= smallest && abs(value) < largest
    }

    /// The fewest significant digits (up to `cap`) that read back as `value`.
    static func shortestDigits(_ value: Double, cap: Int) -> Int {
        for p in 1..<cap where Double(String(format: "%.\(p - 1)e", value)) == value { return p }
        return cap
    }

    /// The decimal exponent of `value` after rounding to `significant` digits, so 9.9996 at three digits
    /// is in the tens.
    static func exponent(_ value: Double, significant: Int) -> Int {
        let text = String(format: "%.\(max(0, significant - 1))e", value)
        guard let e = text.split(separator: "e").last, let exponent = Int(e) else { return 0 }
        return exponent
    }

    static func scientific(_ value: Double, significant: Int, keepZeros: Bool = false) -> String {
        var text = String(format: "%.\(max(0, significant - 1))e", value)
        if !keepZeros, let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            text = mantissa + text[e...]
        }
        return text
    }

    static func fixedText(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        // A negative value that rounds to zero prints as 0, not -0.00.
        return text.hasPrefix("-") && !text.contains(where: { $0 >= "1" && $0 <= "9" }) ? String(text.dropFirst()) : text
    }
}
