import Foundation
@testable import SurvRender
import SurvResults

/// Figures built from small cohorts with a Kaplan–Meier and Nelson–Aalen computed here, so that the golden
/// drawings test the drawing alone, whatever the statistics core does.
enum FigureFixtures {
    /// (time, 1 = event / 0 = censored)
    typealias Cohort = [(Double, Int)]

    /// R's `aml`: maintained and nonmaintained chemotherapy.
    static let maintained: Cohort = [(9, 1), (13, 1), (13, 0), (18, 1), (23, 1), (28, 0), (31, 1), (34, 1), (45, 0), (48, 1), (161, 0)]
    static let nonmaintained: Cohort = [(5, 1), (5, 1), (8, 1), (8, 1), (12, 1), (16, 0), (23, 1), (27, 1), (30, 1), (33, 1), (43, 1), (45, 1)]
    static let third: Cohort = [(3, 0), (7, 1), (14, 1), (20, 0), (26, 1), (38, 1), (52, 0), (60, 0), (70, 1), (90, 0)]

    static func stratum(_ label: String, _ cohort: Cohort, ticks: [Double], measure: CurveMeasure = .survival) -> CurveStratum {
        let sorted = cohort.filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }
        var points = [StepPoint(time: 0, estimate: measure == .survival ? 1 : 0, lower: measure == .survival ? 1 : 0,
                                upper: measure == .survival ? 1 : 0)]
        var survival = 1.0, greenwood = 0.0, hazard = 0.0, hazardVariance = 0.0
        var censored: [Double] = []
        var i = 0
        while i < sorted.count {
            let time = sorted[i].0
            let atRisk = Double(sorted.count - i)
            var deaths = 0.0, j = i
            while j < sorted.count && sorted[j].0 == time {
                if sorted[j].1 == 1 { deaths += 1 } else { censored.append(time) }
                j += 1
            }
            if deaths > 0 {
                survival *= 1 - deaths / atRisk
                if atRisk > deaths { greenwood += deaths / (atRisk * (atRisk - deaths)) }
                hazard += deaths / atRisk
                hazardVariance += deaths / (atRisk * atRisk)
                let se = greenwood.squareRoot()
                let lower = survival > 0 ? survival * exp(-1.96 * se) : nil
                let upper = survival > 0 ? min(1, survival * exp(1.96 * se)) : nil
                switch measure {
                case .survival:
                    points.append(StepPoint(time: time, estimate: survival, lower: lower, upper: upper))
                case .cumulativeIncidence:
                    points.append(StepPoint(time: time, estimate: 1 - survival, lower: upper.map { 1 - $0 }, upper: lower.map { 1 - $0 }))
                case .cumulativeHazard:
                    let half = 1.96 * hazardVariance.squareRoot()
                    points.append(StepPoint(time: time, estimate: hazard, lower: max(0, hazard - half), upper: hazard + half))
                }
            }
            i = j
        }
        let atRisk = ticks.map { tick in Double(sorted.filter { $0.0 >= tick }.count) }
        return CurveStratum(label: label, points: points, censorTimes: censored, atRisk: atRisk)
    }

    static func figure(_ cohorts: [(String, Cohort)], measure: CurveMeasure = .survival, options: CurveFigureOptions = .init(),
                       xmax: Double? = nil, by: Double? = nil, p: String? = nil, title: String? = nil,
                       xLabel: String = "Time (months)") -> SurvivalFigure {
        let end = cohorts.flatMap { $0.1.map(\.0) }.filter(\.isFinite).max() ?? 0
        let xAxis = FigureAxis.time(maxTime: end, xmax: xmax, by: by, label: xLabel)
        let strata = cohorts.map { stratum($0.0, $0.1, ticks: xAxis.ticks, measure: measure) }
        let top = strata.flatMap { $0.points.map { options.confidenceBand ? ($0.upper ?? $0.estimate) : $0.estimate } }.max() ?? 1
        return SurvivalFigure(title: title, measure: measure, xAxis: xAxis, yAxis: .measure(measure, maxValue: top),
                              strata: strata, pValueText: p, options: options)
    }
}

extension FigureFixtures {
    /// A Cox model's terms as `coxph(Surv(time, status) ~ age + sex + ph.ecog, lung)` reports them, and one
    /// term a separated model could not estimate.
    static let forest = ForestFigure(title: "Hazard ratios", rows: [
        ForestRow(term: "age", hazardRatio: 1.0111, lower: 0.9930, upper: 1.0297, p: 0.2303),
        ForestRow(term: "sex=female", hazardRatio: 0.5754, lower: 0.4142, upper: 0.7993, p: 0.00099),
        ForestRow(term: "ph.ecog", hazardRatio: 1.6784, lower: 1.3198, upper: 2.1344, p: 2.3e-5),
    ], note: "n = 227, events = 164")

    static let separated = ForestRow(term: "arm=B", hazardRatio: 3.2e8, lower: 0, upper: .infinity, p: 0.998)

    /// Two terms' scaled Schoenfeld residuals at 18 events, km-transformed time labelled with times.
    static var residuals: ResidualFigure {
        let times: [Double] = [5, 5, 8, 8, 9, 12, 13, 18, 23, 23, 27, 30, 31, 33, 34, 43, 45, 48]
        let x = times.indices.map { (Double($0) + 0.5) / Double(times.count) }
        func panel(_ term: String, slope: Double, p: String) -> ResidualPanel {
            let residuals: [Double?] = x.indices.map { i in
                i == 4 ? nil : slope * (x[i] - 0.5) + 1.2 * sin(Double(i) * 2.3)
            }
            let smooth = stride(from: 0.0, through: 1.0, by: 0.05).map { t in
                SmoothPoint(x: t, fit: slope * (t - 0.5), lower: slope * (t - 0.5) - 0.6 - abs(t - 0.5), upper: slope * (t - 0.5) + 0.6 + abs(t - 0.5))
            }
            return ResidualPanel(term: term, x: x, residuals: residuals, smooth: smooth, pValueText: p)
        }
        let ticks: [Double] = [0.1, 0.3, 0.5, 0.7, 0.9]
        return ResidualFigure(xAxis: FigureAxis(label: "Time", lower: 0, upper: 1, ticks: ticks, tickLabels: ["5", "9", "23", "31", "45"]),
                              panels: [panel("x=Nonmaintained", slope: 1.5, p: "p = 0.23"), panel("age", slope: -0.4, p: "p = 0.81")])
    }
}
