import Foundation

/// Numbers shown as labels (strata, table levels, messages): 15 significant digits, as R's format()
/// shows them, so 0.1 * 3 reads 0.3 rather than 0.30000000000000004.
public enum NumberText {
    public static func short(_ x: Double) -> String {
        String(format: "%.15g", x)
    }
}
