import SurvCore

/// The rows and design the last Cox model was fitted on, as phtest and `plot zph` test it: right-censored data
/// (R's zph1 path) or (start, stop] intervals (zph2).
enum FittedCoxData {
    case rightCensored(CoxModelInput, prepared: SurvivalPreparation?)
    case countingProcess(CountingProcessCoxInput)

    func proportionalHazardsTest(fit: CoxFit) throws -> ProportionalHazardsTest {
        switch self {
        case .rightCensored(let input, let prepared):
            try ProportionalHazardsTest.compute(input: input, fit: fit, prepared: prepared)
        case .countingProcess(let input):
            try ProportionalHazardsTest.compute(countingProcess: input, fit: fit)
        }
    }
}
