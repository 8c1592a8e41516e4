import XCTest
@testable import SurvCore

/// The radix sort orders by the keys' high halves, then puts runs that share them in order by the rest: values
/// that differ only in their last bits (rounding noise, or a Cox predictor's dense values), negative values and
/// both zeros must come out exactly as a stable comparison sort orders them.
final class TimeOrderTests: XCTestCase {
    private var state: UInt64 = 2026
    private func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }

    private func assertMatchesAStableSort(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let (order, keys) = TimeOrder.ascendingWithKeys(values)
        let reference = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        XCTAssertEqual(order.map(Int.init), reference, file: file, line: line)
        XCTAssertEqual(keys, reference.map { TimeOrder.key(values[$0]) }, file: file, line: line)
        XCTAssertEqual(keys.map(TimeOrder.value), reference.map { values[$0] }, "keys decode to the values", file: file, line: line)
    }

    func testValuesDifferingInTheirLastBitsKeepAStableOrder() {
        for n in [2, 3, 40, 3_000] {
            let bases = [1.0, -1.0, 1000.25, 1e-8, -3.5]
            let values = (0..<n).map { _ -> Double in
                var x = bases[Int(next() % UInt64(bases.count))]
                for _ in 0..<Int(next() % 40) { x = next() % 2 == 0 ? x.nextUp : x.nextDown }
                return x
            }
            assertMatchesAStableSort(values)
        }
    }

    func testLongRunsOutOfOrderAndZerosOfBothSigns() {
        // One run of 5,000 values sharing their high bits, in descending order.
        var x = 7.0
        let descending = (0..<5_000).map { _ -> Double in x = x.nextDown; return x }
        assertMatchesAStableSort(descending)
        assertMatchesAStableSort([0.0, -0.0, 1, -0.0, 0.0, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude])
        assertMatchesAStableSort((0..<2_000).map { _ in Double(Int(next() % 200) - 100) * 0.1 })
    }
}
