/// A Cox model with no covariates (R's `coxph(Surv(t, s) ~ strata(g))` or `~ 1`): nothing is estimated,
/// and what R reports is the partial log-likelihood with every coefficient 0, with n and the events.
public struct CoxNullModel: Codable, Equatable, Sendable {
    public var n: Int
    public var events: Int
    public var ties: TiesMethod
    public var loglik: Double

    /// - Parameters:
    ///   - strata: a stratum code per subject; each stratum has its own risk sets.
    ///   - prepared: the same data already prepared (with these strata), to reuse.
    public static func fit(time: [Double], event: [Bool], strata: [Int]?, ties: TiesMethod,
                           prepared: SurvivalPreparation? = nil) throws -> CoxNullModel {
        // The likelihood pass needs a design column; a column of zeros leaves every risk score at 1, which is
        // the null model exactly (R's coxph evaluates its loglik[1] the same way, at beta = 0).
        let zeros = [Double](repeating: 0, count: time.count)
        let input = CoxModelInput(time: time, event: event, covariates: [zeros], columnNames: ["(none)"],
                                  strata: strata, ties: ties)
        try input.validate()
        let data = CoxSortedData(input, prepared: try input.prepared(reusing: prepared))
        let evaluation = try CoxPartialLikelihood.evaluate(data, beta: [0], ties: ties)
        return CoxNullModel(n: time.count, events: event.filter { $0 }.count, ties: ties, loglik: evaluation.loglik)
    }
}
