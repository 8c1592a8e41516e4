/// The restricted mean survival time: the area under the curve from 0 to `tau`.
public struct RestrictedMean: Codable, Equatable, Sendable {
    public var tau: Double
    public var estimate: Double
    public var stdErr: Double
    public init(tau: Double, estimate: Double, stdErr: Double) {
        self.tau = tau
        self.estimate = estimate
        self.stdErr = stdErr
    }
}

extension KaplanMeierCurve {
    /// The restricted mean up to `tau` and its standard error, as `print(fit, rmean = tau)` (R's `survmean`):
    /// the variance is Σ A(t)² d / (n (n − d)) over event times t ≤ tau, A(t) the area from t to tau.
    /// - Throws: `CoreError` when `tau` is not finite or is before the first observed time (R stops there too).
    public func restrictedMean(upTo tau: Double) throws -> RestrictedMean {
        guard tau.isFinite, let first = time.first, tau >= first else {
            throw CoreError("the restricted-mean horizon \(tau) is before the first observed time",
                            hint: "choose a horizon at or after \(time.first ?? 0)")
        }
        let curve = StartedCurve(self)
        let kept = curve.countAtOrBefore(tau)   // ≥ 1: the curve starts at 0 ≤ tau
        // Rectangles between consecutive times, the last one closed at tau; each has the height of S
        // just before its right end.
        var rectangles = [Double](repeating: 0, count: kept + 1)
        var previousTime = 0.0, previousSurv = 1.0
        for j in 0...kept {
            let t = j < kept ? curve.time[j] : tau
            rectangles[j] = (t - previousTime) * previousSurv
            previousTime = t
            if j < kept { previousSurv = curve.surv[j] }
        }
        let estimate = rectangles.reduce(0, +)
        var variance = 0.0, areaAfter = 0.0
        for j in stride(from: kept - 1, through: 0, by: -1) {
            areaAfter += rectangles[j + 1]
            let n = curve.nRisk[j], d = curve.nEvent[j]
            let hazardTerm = n - d == 0 ? 0 : d / (n * (n - d))
            variance += areaAfter * areaAfter * hazardTerm
        }
        return RestrictedMean(tau: tau, estimate: estimate, stdErr: variance.squareRoot())
    }
}
