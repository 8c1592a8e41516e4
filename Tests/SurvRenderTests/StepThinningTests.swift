import Foundation
import XCTest
@testable import SurvRender
import SurvResults

/// Thinning keeps what a column of the drawing shows and no more: a bounded number of points per column,
/// whatever the number of rows.
final class StepThinningTests: XCTestCase {
    /// A deterministic pseudo-random sequence (the tests must not depend on a seed from the system).
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// A survival curve of `count` distinct times falling from 1, with a log-type band.
    static func curve(_ count: Int, seed: UInt64) -> [StepPoint] {
        var random = Generator(state: seed)
        var points = [StepPoint(time: 0, estimate: 1, lower: 1, upper: 1)]
        points.reserveCapacity(count + 1)
        var survival = 1.0, time = 0.0
        for i in 0..<count {
            time += random.next() * 0.0002
            survival *= 1 - 1.0 / Double(count - i + 10)
            points.append(StepPoint(time: time, estimate: survival, lower: survival * 0.97, upper: min(1, survival * 1.03)))
        }
        return points
    }

    /// A curve going up and down at every point: the worst case for thinning.
    static func zigzag(_ count: Int, seed: UInt64) -> [StepPoint] {
        var random = Generator(state: seed)
        return (0..<count).map { i in
            let value = random.next()
            return StepPoint(time: Double(i), estimate: value, lower: value * random.next(), upper: value + random.next())
        }
    }

    func testAtMostSixPointsPerColumnPlusTheAxisStart() {
        let points = Self.zigzag(200_000, seed: 1)
        for columns in [1, 7, 120, 1000] {
            let thinned = StepThinning.thin(points, from: 10, to: 190_000, columns: columns)
            XCTAssertLessThanOrEqual(thinned.count, StepThinning.pointsPerColumn * columns + 1, "\(columns) columns")
        }
    }

    func testEachColumnKeepsItsExtremesAndItsLastValue() {
        let points = Self.zigzag(50_000, seed: 2)
        let columns = 97, upper = 50_000.0
        let thinned = StepThinning.thin(points, from: 0, to: upper, columns: columns)
        func summary(_ curve: [StepPoint]) -> [Int: (min: Double, max: Double, last: Double, low: Double, high: Double)] {
            var out: [Int: (min: Double, max: Double, last: Double, low: Double, high: Double)] = [:]
            for point in curve {
                let column = min(columns - 1, Int(point.time / upper * Double(columns)))
                let old = out[column] ?? (.infinity, -.infinity, 0, .infinity, -.infinity)
                out[column] = (min(old.min, point.estimate), max(old.max, point.estimate), point.estimate,
                               min(old.low, point.lower ?? .infinity), max(old.high, point.upper ?? -.infinity))
            }
            return out
        }
        let full = summary(points), kept = summary(thinned)
        XCTAssertEqual(full.count, kept.count)
        for (column, value) in full {
            guard let other = kept[column] else { return XCTFail("column \(column) lost") }
            XCTAssertEqual(value.min, other.min)
            XCTAssertEqual(value.max, other.max)
            XCTAssertEqual(value.last, other.last)
            XCTAssertEqual(value.low, other.low)
            XCTAssertEqual(value.high, other.high)
        }
    }

    func testTheValueInForceAtTheAxisStartBecomesItsFirstPoint() {
        let points = [StepPoint(time: 0, estimate: 1), StepPoint(time: 5, estimate: 0.8), StepPoint(time: 12, estimate: 0.5),
                      StepPoint(time: 30, estimate: 0.2)]
        let thinned = StepThinning.thin(points, from: 10, to: 20, columns: 10)
        XCTAssertEqual(thinned, [StepPoint(time: 10, estimate: 0.8), StepPoint(time: 12, estimate: 0.5)])
        XCTAssertEqual(StepThinning.thin(points, from: 40, to: 50, columns: 10), [StepPoint(time: 40, estimate: 0.2)])
        XCTAssertEqual(StepThinning.thin(points, from: 1, to: 1, columns: 10), [])
    }

    func testThinningFromColumnsEqualsThinningFromPoints() {
        let points = Self.curve(20_000, seed: 3)
        let origin = points[0], rest = Array(points.dropFirst())
        let fromColumns = StepThinning.thin(time: rest.map(\.time), estimate: rest.map(\.estimate), lower: rest.map(\.lower),
                                            upper: rest.map(\.upper), first: origin, from: 0, to: 3, columns: 150)
        XCTAssertEqual(fromColumns, StepThinning.thin(points, from: 0, to: 3, columns: 150))
        // Without limits, and with columns of unequal length (the shorter decides).
        let bare = StepThinning.thin(time: rest.map(\.time) + [99], estimate: rest.map(\.estimate), from: 0.5, to: 2, columns: 40)
        XCTAssertEqual(bare, StepThinning.thin(rest.map { StepPoint(time: $0.time, estimate: $0.estimate) }, from: 0.5, to: 2, columns: 40))
        // Out of order: sorted first, as points are.
        let shuffled = rest.reversed()
        XCTAssertEqual(StepThinning.thin(time: shuffled.map(\.time), estimate: shuffled.map(\.estimate), from: 0, to: 3, columns: 10),
                       StepThinning.thin(rest.map { StepPoint(time: $0.time, estimate: $0.estimate) }, from: 0, to: 3, columns: 10))
    }

    func testCensorTimesAtMostOnePerColumn() {
        let times = (0..<100_000).map { Double($0) / 7 }
        let thinned = StepThinning.thinTimes(times, from: 0, to: 100_000 / 7, columns: 150)
        XCTAssertLessThanOrEqual(thinned.count, 150)
        XCTAssertEqual(thinned.first, 0)
        XCTAssertEqual(thinned, thinned.sorted())
    }

    /// Three strata of a million rows each, every option on: the SVG stays small, and the terminal figure
    /// is the same size as for a few rows.
    func testMillionRowFiguresStaySmall() throws {
        let strata = (0..<3).map { index -> CurveStratum in
            let points = Self.curve(1_000_000, seed: UInt64(index + 1))
            let censored = stride(from: 1, to: points.count, by: 3).map { points[$0].time }
            return CurveStratum(label: "arm \(index + 1)", points: points, censorTimes: censored, atRisk: [])
        }
        let end = strata.compactMap { $0.points.last?.time }.max() ?? 1
        let axis = FigureAxis.time(maxTime: end)
        var figure = SurvivalFigure(xAxis: axis, yAxis: .measure(.survival), strata: strata, pValueText: "Log-rank p < 1e-300",
                                    options: .init(confidenceBand: true))
        for i in figure.strata.indices { figure.strata[i].atRisk = axis.ticks.map { _ in 1_000_000 } }
        let svg = SVGFigure.survival(figure)
        XCTAssertLessThan(svg.utf8.count, 200_000)
        try assertWellFormed(svg)
        XCTAssertLessThan(TerminalFigure.survival(figure).utf8.count, 10_000)

        // Even curves that zigzag at every row (no survival curve does) stay under the bound.
        figure.strata = (0..<3).map { CurveStratum(label: "zigzag \($0)", points: Self.zigzag(100_000, seed: UInt64($0 + 7)),
                                                   censorTimes: (0..<100_000).map(Double.init)) }
        figure.xAxis = .time(maxTime: 100_000)
        figure.yAxis = .measure(.cumulativeHazard, maxValue: 2)
        let worst = SVGFigure.survival(figure)
        XCTAssertLessThan(worst.utf8.count, 200_000)
    }
}

/// The figure values travel as JSON (a `plot` result, a notebook's record): they read back unchanged.
final class FigureDataCodingTests: XCTestCase {
    func testFiguresReadBackFromJSON() throws {
        let survival = FigureFixtures.figure([("A", FigureFixtures.maintained), ("B", FigureFixtures.nonmaintained)],
                                             options: .init(confidenceBand: true, percent: true), p: "Log-rank p = 0.065", title: "OS")
        XCTAssertEqual(try JSONDecoder().decode(SurvivalFigure.self, from: JSONEncoder().encode(survival)), survival)
        XCTAssertEqual(try JSONDecoder().decode(ForestFigure.self, from: JSONEncoder().encode(FigureFixtures.forest)), FigureFixtures.forest)
        let zph = FigureFixtures.residuals
        XCTAssertEqual(try JSONDecoder().decode(ResidualFigure.self, from: JSONEncoder().encode(zph)), zph)
        // What a JSON output carries of a drawn figure: its points thinned as drawn.
        let thinned = survival.thinned(columns: TerminalFigure.survivalResolution(survival))
        XCTAssertEqual(thinned.strata.map(\.label), ["A", "B"])
        XCTAssertLessThanOrEqual(thinned.strata[0].points.count, survival.strata[0].points.count)
    }
}
