import SurvResults

extension TextRenderer {
    /// `expect logrank p: paper 0.049 · here 0.0493 ✓ (± 0.0005)`: the computed value with one significant
    /// digit more than the published one, so a reader sees how close it came.
    func expect(_ r: ExpectReport) -> String {
        let published = r.expectedText.filter { $0.isNumber }.drop { $0 == "0" }.count
        // A count is shown as the count it is.
        let shown = r.actual == r.actual.rounded() && abs(r.actual) < 1e15 ? format.data(r.actual)
            : NumberFormat(digits: max(format.digits, published + 1)).estimate(r.actual)
        let tolerance = "± " + NumberFormat(digits: max(format.digits, 2)).data(r.tolerance)
        let mark = r.passed ? "✓ (\(tolerance)\(r.toleranceGiven ? "" : ", the published rounding"))" : "✗ outside \(tolerance)"
        return "expect \(r.quantity): paper \(r.expectedText) · here \(shown) \(mark)"
    }
}
