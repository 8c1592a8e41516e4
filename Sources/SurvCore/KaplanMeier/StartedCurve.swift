// R's `survfit0`: the curve with a row at time 0 (S = 1, SE 0, limits 1, the first number at risk)
// prepended unless the first observed time already is 0. summary.survfit and the restricted mean both
// read the curve through this view, so they agree with R at and before the first time.

struct StartedCurve {
    var time: [Double]
    var nRisk: [Double]
    var nEvent: [Double]
    var surv: [Double]
    var stdErrLogSurv: [Double]
    var lower: [Double?]
    var upper: [Double?]

    init(_ curve: KaplanMeierCurve) {
        time = curve.time
        nRisk = curve.nRisk
        nEvent = curve.nEvent
        surv = curve.surv
        stdErrLogSurv = curve.stdErrLogSurv
        lower = curve.lower
        upper = curve.upper
        guard let first = curve.time.first, first != 0, let firstRisk = curve.nRisk.first else { return }
        time.insert(0, at: 0)
        nRisk.insert(firstRisk, at: 0)
        nEvent.insert(0, at: 0)
        surv.insert(1, at: 0)
        stdErrLogSurv.insert(0, at: 0)
        lower.insert(1, at: 0)
        upper.insert(1, at: 0)
    }

    /// Number of rows with time ≤ t (R's `findInterval(t, time)`).
    func countAtOrBefore(_ t: Double) -> Int {
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Number of rows with time < t (R's `findInterval(t, time, left.open = TRUE)`).
    func countBefore(_ t: Double) -> Int {
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
