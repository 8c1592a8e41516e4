import SurvCore
import SurvLanguage
import SurvResults

/// `expect`: computes the quantity named as the command that prints it would, under the session's state
/// now, and sets it beside the published value.
extension Session {
    func expect(_ plan: ExpectPlan) throws(Diagnostic) -> Report {
        let actual = try expectedQuantity(plan.quantity)
        return .expect(ExpectReport(quantity: plan.text, expected: plan.expected, expectedText: plan.expectedText,
                                    tolerance: plan.tolerance, toleranceGiven: plan.toleranceGiven, actual: actual))
    }

    private func expectedQuantity(_ quantity: ExpectQuantity) throws(Diagnostic) -> Double {
        switch quantity {
        case .survival(let time, let stratum, let limit):
            guard case .kaplanMeier(let r) = try kaplanMeier(times: [time], fullTable: false) else { break }
            let s = try Self.stratum(stratum, in: r.strata.map(\.label))
            guard let point = r.strata[s].at.first ?? nil else {
                throw Diagnostic("\(r.strata[s].label) has no survival at \(NumberText.short(time)): it is beyond its follow-up")
            }
            switch limit {
            case .estimate: return point.surv
            case .lower, .upper:
                guard let value = limit == .lower ? point.lower : point.upper else {
                    throw Diagnostic("the survival of \(r.strata[s].label) at \(NumberText.short(time)) has no \(limit.rawValue) limit (NA)")
                }
                return value
            }
        case .median(let stratum, let limit):
            guard case .kaplanMeier(let r) = try kaplanMeier(times: [], fullTable: false) else { break }
            let s = try Self.stratum(stratum, in: r.strata.map(\.label))
            return try Self.limit(r.strata[s].median, limit, what: "the median of \(r.strata[s].label)")
        case .followupMedian(let stratum, let limit):
            guard case .followup(let r) = try followup() else { break }
            let s = try Self.stratum(stratum, in: r.strata.map(\.label))
            return try Self.limit(r.strata[s].median, limit, what: "the median follow-up of \(r.strata[s].label)")
        case .restrictedMean(let tau, let stratum):
            guard case .restrictedMean(let r) = try restrictedMean(tau: tau) else { break }
            let s = try Self.stratum(stratum, in: r.strata.map(\.label))
            return r.strata[s].mean.estimate
        case .logrankP, .logrankChisq:
            guard case .logrank(let r) = try logrank(trend: false, rho: 0) else { break }
            return quantity == .logrankP ? r.test.statistic.p : r.test.statistic.chisq
        case .logrankTrendP:
            guard case .logrank(let r) = try logrank(trend: true, rho: 0), let trend = r.trend else { break }
            return trend.statistic.p
        case .coxHazardRatio(let term, let limit):
            let c = try coefficient(term)
            switch limit {
            case .estimate: return c.hr
            case .lower: return c.hrLower
            case .upper: return c.hrUpper
            }
        case .coxP(let term): return try coefficient(term).p
        case .coxCoefficient(let term): return try coefficient(term).coef
        case .rows(let stratum), .events(let stratum):
            guard case .kaplanMeier(let r) = try kaplanMeier(times: [], fullTable: false) else { break }
            let chosen = stratum == nil && r.strata.count > 1 ? Array(r.strata.indices) : [try Self.stratum(stratum, in: r.strata.map(\.label))]
            if case .rows = quantity { return Double(chosen.reduce(0) { $0 + r.strata[$1].curve.n }) }
            return chosen.reduce(0.0) { $0 + r.strata[$1].curve.events }
        case .fisherP(let a, let b):
            guard case .fisher(let r) = try fisher(a, by: b) else { break }
            return r.result.p
        case .chisqP(let a, let b):
            guard case .chisq(let r) = try chisq(a, by: b, correct: true) else { break }
            return r.result.statistic.p
        }
        throw Diagnostic("this quantity could not be computed")
    }

    private func coefficient(_ term: String) throws(Diagnostic) -> CoxCoefficient {
        guard let fit = lastCox?.fit else { throw Diagnostic("there is no Cox model to check", hint: "fit one first, e.g. cox age + sex") }
        if let c = fit.coefficients.first(where: { $0.name == term }) { return c }
        let names = fit.coefficients.map(\.name)
        throw Diagnostic("the last Cox model (\(lastCox?.source ?? "cox")) has no coefficient '\(term)'",
                         hint: Suggestions.hint(for: term, in: names).map { $0 + " (names with symbols go in double quotes)" }
                            ?? "its coefficients: " + names.joined(separator: ", "))
    }

    /// The stratum a label names: the whole label (`x=Maintained`), or the level alone when one column
    /// stratifies; with no label, the only stratum there is.
    static func stratum(_ label: String?, in labels: [String]) throws(Diagnostic) -> Int {
        guard let label else {
            guard labels.count == 1 else {
                throw Diagnostic("there are \(labels.count) strata: name the one to check",
                                 hint: "e.g. \"" + (labels.first ?? "") + "\" after the quantity; strata: " + labels.joined(separator: ", "))
            }
            return 0
        }
        if let i = labels.firstIndex(of: label) { return i }
        let levels = labels.indices.filter { i in labels[i].split(separator: "=", maxSplits: 1).last.map(String.init) == label && !labels[i].contains(", ") }
        if levels.count == 1, let i = levels.first { return i }
        throw Diagnostic("no stratum is called \"\(label)\"", hint: "strata: " + labels.joined(separator: ", "))
    }

    static func limit(_ value: EstimateWithInterval, _ limit: ExpectQuantity.Limit, what: String) throws(Diagnostic) -> Double {
        let chosen: Double?
        switch limit {
        case .estimate: chosen = value.estimate
        case .lower: chosen = value.lower
        case .upper: chosen = value.upper
        }
        guard let chosen else {
            // NA (the band ends where the curve reaches 0) is not NR: the table prints them apart, and so does this.
            let undefined = (limit == .lower && value.lowerUndefined) || (limit == .upper && value.upperUndefined)
            throw Diagnostic("\(what) has no \(limit == .estimate ? "value" : "\(limit.rawValue) limit"): "
                             + (undefined ? "it is undefined (NA: the confidence band ends where the curve reaches 0)" : "it is not reached"))
        }
        return chosen
    }
}
