import Foundation

/// The few pieces of wording a result's own sentences need (a message is text the session composes:
/// "loaded aml: 23 rows"), shared with the renderers so a count or a level reads the same everywhere.
public enum Wording {
    /// `1 event`, `18 events`: the noun in the singular for exactly one.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// A confidence level as a percentage: at most one decimal, never rounded up to 100 (0.999 → "99.9%").
    public static func percent(_ level: Double) -> String {
        // The small nudge absorbs representation error (0.95 * 1000 may fall just below 950).
        let tenths = (level * 1000 + 1e-6).rounded(.down) / 10
        let text = String(format: "%.1f", tenths)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }
}
