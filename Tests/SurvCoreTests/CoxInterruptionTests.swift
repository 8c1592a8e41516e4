import XCTest
@testable import SurvCore

/// Ctrl-C during a long Cox fit must stop it while Newton–Raphson runs, not only before or after it: a
/// request that arrives halfway through the iterations ends the fit with `CoreError.interrupted`.
final class CoxInterruptionTests: XCTestCase {
    final class Counter: @unchecked Sendable { var polls = 0 }

    override func tearDown() {
        Interruption.isRequested = { false }
    }

    private func input() -> CoxModelInput {
        let n = 3_000
        let time = (0..<n).map { Double($0 % 1_500) + 0.5 }
        // Covariates tied to the times, so that Newton–Raphson needs several steps.
        let x = (0..<n).map { (i: Int) -> Double in
            let trend = Double(i % 1_500) / 300
            return trend + Double((i * 7919) % 101) / 50
        }
        let z = (0..<n).map { Double(($0 * 104_729) % 37) / 7 }
        return CoxModelInput(time: time, event: (0..<n).map { $0 % 3 != 0 }, covariates: [x, z], columnNames: ["x", "z"])
    }

    func testARequestDuringTheIterationsStopsTheFit() throws {
        let counter = Counter()
        Interruption.isRequested = { counter.polls += 1; return false }
        let fit = try CoxFit.fit(input())
        let total = counter.polls
        XCTAssertGreaterThan(fit.iterations, 2, "the fit must take several Newton steps for the test to mean anything")

        // Requested once the first likelihood pass and the first Newton step are behind.
        let perPass = total / (fit.iterations + 1)
        for threshold in [perPass + perPass / 2, total / 2, total - perPass / 2] {
            counter.polls = 0
            Interruption.isRequested = { counter.polls += 1; return counter.polls > threshold }
            XCTAssertThrowsError(try CoxFit.fit(input()), "requested after \(threshold) of \(total) polls") {
                XCTAssertEqual($0 as? CoreError, CoreError.interrupted)
            }
            // It stopped at the first poll after the request, not at the end of the fit.
            XCTAssertEqual(counter.polls, threshold + 1)
        }
    }

    func testAStratifiedFitAndItsPHTestStopToo() throws {
        var stratified = input()
        stratified.strata = stratified.time.indices.map { $0 % 4 }
        let counter = Counter()
        Interruption.isRequested = { counter.polls += 1; return false }
        let fit = try CoxFit.fit(stratified)
        let total = counter.polls
        counter.polls = 0
        Interruption.isRequested = { counter.polls += 1; return counter.polls > total / 2 }
        XCTAssertThrowsError(try CoxFit.fit(stratified)) { XCTAssertEqual($0 as? CoreError, CoreError.interrupted) }
        counter.polls = 0
        Interruption.isRequested = { counter.polls += 1; return true }
        XCTAssertThrowsError(try ProportionalHazardsTest.compute(input: stratified, fit: fit)) {
            XCTAssertEqual($0 as? CoreError, CoreError.interrupted)
        }
    }
}
