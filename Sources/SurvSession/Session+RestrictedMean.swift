import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `rmst at TAU`: the restricted mean survival time per stratum of the current endpoint.
extension Session {
    func restrictedMean(tau: Double) throws(Diagnostic) -> Report {
        let data = try stratifiedOutcome()
        let ranges = data.labels.indices.map { data.prepared.timeRange(ofStratum: $0) }
        // R's survfit refuses a horizon before the first time of all the curves together, not of each one.
        let firstOverall = ranges.compactMap { $0?.lowerBound }.min() ?? 0
        guard tau >= firstOverall else {
            throw Diagnostic("the horizon \(NumberText.short(tau)) is before the first observed time (\(NumberText.short(firstOverall)))",
                             hint: "R refuses this too; choose a later horizon")
        }
        var strata: [RestrictedMeanStratum] = []
        for (g, range) in ranges.enumerated() {
            guard let range else { continue }
            let label = data.labels[g]
            // R's survfit extends the last value of a curve past its follow-up and would answer; survRM2 refuses
            // a horizon beyond any group's last time, since the area there is a guess. So does surv.
            let last = range.upperBound, first = range.lowerBound
            guard tau <= last else {
                throw Diagnostic("the horizon \(NumberText.short(tau)) is beyond the follow-up of \(label) (its last time is \(NumberText.short(last)))",
                                 hint: "choose a horizon no later than every stratum's last time: the restricted mean is not estimable past it")
            }
            do {
                let curve = try KaplanMeierCurve.fit(data.prepared, stratum: g, transform: settings.transform, level: settings.level)
                // Everyone in this stratum is still followed at tau: the area is the whole rectangle, without
                // sampling error (R answers tau with se 0; the core refuses a lone curve here, as R does).
                let mean = tau < first ? RestrictedMean(tau: tau, estimate: tau, stdErr: 0) : try curve.restrictedMean(upTo: tau)
                strata.append(RestrictedMeanStratum(label: label, n: curve.n, events: curve.events, mean: mean,
                                                    interval: mean.interval(level: settings.level)))
            } catch { throw Self.diagnostic(error) }
        }
        let difference = strata.count == 2 ? RestrictedMeanDifference.between(strata[0].mean, strata[1].mean, level: settings.level) : nil
        return .restrictedMean(RestrictedMeanReport(endpoint: data.endpoint, tau: tau, strata: strata, difference: difference,
                                                    rows: data.accounting, conventions: settings.conventions))
    }
}
