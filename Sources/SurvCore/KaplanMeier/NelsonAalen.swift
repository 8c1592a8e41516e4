/// The Nelson–Aalen cumulative hazard of a curve's risk table, as R's `survfit` reports it beside the
/// Kaplan–Meier estimate: `cumhaz` = Σ d/n and `std.chaz` = √(Σ d/n²), at each of the curve's times.
public struct NelsonAalen: Codable, Equatable, Sendable {
    public var hazard: [Double]
    public var stdErr: [Double]

    public init(_ curve: KaplanMeierCurve) {
        var h = 0.0, v = 0.0
        var hazard: [Double] = [], stdErr: [Double] = []
        hazard.reserveCapacity(curve.time.count)
        stdErr.reserveCapacity(curve.time.count)
        for (n, d) in zip(curve.nRisk, curve.nEvent) {
            if d > 0, n > 0 {
                h += d / n
                v += d / (n * n)
            }
            hazard.append(h)
            stdErr.append(v.squareRoot())
        }
        self.hazard = hazard
        self.stdErr = stdErr
    }

    /// R's `plot.survfit(cumhaz = TRUE)` band: plain, H ± z·se, the lower limit kept at 0 or above.
    public func band(level: Double) -> (lower: [Double], upper: [Double]) {
        let z = Normal.quantile(1 - (1 - level) / 2)
        return (zip(hazard, stdErr).map { max(0, $0 - z * $1) }, zip(hazard, stdErr).map { $0 + z * $1 })
    }
}
