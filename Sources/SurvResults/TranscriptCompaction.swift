/// A session keeps every result of its transcript until the notebook is saved. Some results carry arrays
/// as long as the data — a Kaplan–Meier curve's every time, a Cox model's linear predictor, a PH test's
/// residuals — which their printed form never shows; kept for each command of a session on a million
/// rows, they would hold gigabytes. The transcript keeps this compacted value instead, which draws the
/// same text (a test renders both and compares).
extension Report {
    public var compactedForTranscript: Report {
        switch self {
        case .kaplanMeier(var r) where !r.fullTable:
            r.strata = r.strata.map { stratum in
                var s = stratum
                s.curve.time = []
                s.curve.nRisk = []
                s.curve.nEvent = []
                s.curve.nCensor = []
                s.curve.surv = []
                s.curve.stdErrLogSurv = []
                s.curve.lower = []
                s.curve.upper = []
                return s
            }
            return .kaplanMeier(r)
        case .cox(var r):
            r.fit.linearPredictor = []
            return .cox(r)
        case .phtest(var r):
            r.test.residuals.time = []
            r.test.residuals.transformedTime = []
            r.test.residuals.stratum = nil
            r.test.residuals.values = []
            return .phtest(r)
        default:
            return self
        }
    }
}
