import Foundation
import SurvCore
import SurvRender
import SurvResults

/// Times drawing Kaplan–Meier figures of 3 strata with 1,000,000 distinct times each (continuous times,
/// so every row is a step): turning the curves into a figure's values (a point per row, or thinned
/// straight from the curve's columns), then the terminal and the SVG drawings, which thin the steps to
/// their resolution. The curves themselves are fitted beforehand.
enum FigureBench {
    static func run(rowsPerStratum: Int) throws -> [(name: String, seconds: Double)] {
        var random = SplitMix64(seed: 20_240_611)
        let curves = try (0..<3).map { stratum -> KaplanMeierCurve in
            let rate = 0.02 * Double(stratum + 1)
            var time = [Double](), event = [Bool]()
            time.reserveCapacity(rowsPerStratum)
            event.reserveCapacity(rowsPerStratum)
            for _ in 0..<rowsPerStratum {
                time.append(-log(random.uniform()) / rate)
                event.append(random.uniform() < 0.7)
            }
            return try KaplanMeierCurve.fit(time: time, event: event)
        }
        var results: [(name: String, seconds: Double)] = []

        let end = curves.compactMap { $0.time.last }.max() ?? 0
        let xAxis = FigureAxis.time(maxTime: end, label: "Time")
        let origin = StepPoint(time: 0, estimate: 1, lower: 1, upper: 1)
        func censored(_ curve: KaplanMeierCurve) -> [Double] { curve.time.indices.filter { curve.nCensor[$0] > 0 }.map { curve.time[$0] } }
        func figure(_ strata: [CurveStratum]) -> SurvivalFigure {
            SurvivalFigure(xAxis: xAxis, yAxis: .measure(.survival), strata: strata, pValueText: "Log-rank p < 1e-300",
                           options: .init(confidenceBand: true))
        }

        // As a command would if it made a point per row of each curve.
        var everyRow: SurvivalFigure?
        results.append(("figure values, a point per row", time {
            everyRow = figure(curves.enumerated().map { index, curve in
                var points = [origin]
                points.reserveCapacity(curve.time.count + 1)
                for i in curve.time.indices {
                    points.append(StepPoint(time: curve.time[i], estimate: curve.surv[i], lower: curve.lower[i], upper: curve.upper[i]))
                }
                return CurveStratum(label: "stratum \(index + 1)", points: points, censorTimes: censored(curve),
                                    atRisk: AtRiskCount.at(xAxis.ticks, times: curve.time, nRisk: curve.nRisk))
            })
        }))
        // As a command should: thinned from the curve's columns to a resolution finer than any drawing.
        var thinned: SurvivalFigure?
        results.append(("figure values thinned from the columns (4096)", time {
            thinned = figure(curves.enumerated().map { index, curve in
                CurveStratum(label: "stratum \(index + 1)",
                             points: StepThinning.thin(time: curve.time, estimate: curve.surv, lower: curve.lower, upper: curve.upper,
                                                       first: origin, from: xAxis.lower, to: xAxis.upper, columns: 4096),
                             censorTimes: StepThinning.thinTimes(censored(curve), from: xAxis.lower, to: xAxis.upper, columns: 4096),
                             atRisk: AtRiskCount.at(xAxis.ticks, times: curve.time, nRisk: curve.nRisk))
            })
        }))
        for (name, value) in [("a point per row", everyRow), ("pre-thinned", thinned)] {
            guard let value else { continue }
            var text = "", svg = ""
            results.append(("terminal figure, 72 columns, \(name)", time { text = TerminalFigure.survival(value) }))
            results.append(("SVG figure with bands, \(name)", time { svg = SVGFigure.survival(value) }))
            print(String(format: "  %@: terminal figure %d lines; SVG %.1f KB", name, text.split(separator: "\n").count,
                         Double(svg.utf8.count) / 1024))
        }
        return results
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
