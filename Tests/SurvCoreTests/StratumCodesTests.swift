import XCTest
@testable import SurvCore

/// Strata as dense codes: labels renumbered in their order, level codings combined as mixed-radix integers,
/// only the combinations that occur, the first coding varying slowest.
final class StratumCodesTests: XCTestCase {
    func testLabelsAreRenumberedInAscendingOrder() throws {
        let compact = try StratumCodes(labels: [7, 3, 7, 5, 3])
        XCTAssertEqual(compact.codes, [2, 0, 2, 1, 0])
        XCTAssertEqual(compact.count, 3)
        // Labels too far apart for a table go through the sort.
        let spread = try StratumCodes(labels: [Int.max, Int.min, 0, Int.max, -5])
        XCTAssertEqual(spread.codes, [3, 0, 2, 3, 1])
        XCTAssertEqual(spread.count, 4)
    }

    func testOneCodingDropsLevelsNoRowHas() throws {
        let codes = try StratumCodes(combining: [[3, 0, 3, 1]], levelCounts: [5])
        XCTAssertEqual(codes.codes, [2, 0, 2, 1])
        XCTAssertEqual(codes.levels, [[0, 1, 3]])
        let all = try StratumCodes(combining: [[1, 0, 1]], levelCounts: [2])
        XCTAssertEqual(all.codes, [1, 0, 1])
        XCTAssertEqual(all.levels, [[0, 1]])
    }

    func testCombinationsThatOccurInLexicographicOrder() throws {
        let first: [Int32] = [1, 0, 1, 0, 2, 1]
        let second: [Int32] = [0, 2, 1, 2, 0, 0]
        let codes = try StratumCodes(combining: [first, second], levelCounts: [3, 3])
        // Occurring pairs, sorted: (0,2) (1,0) (1,1) (2,0).
        XCTAssertEqual(codes.levels, [[0, 1, 1, 2], [2, 0, 1, 0]])
        XCTAssertEqual(codes.codes, [1, 0, 2, 0, 3, 1])
        XCTAssertEqual(codes.count, 4)
        // Three codings, the middle one with many levels.
        let many = try StratumCodes(combining: [[0, 0, 1], [999, 3, 3], [1, 1, 0]], levelCounts: [2, 1_000, 2])
        XCTAssertEqual(many.codes, [1, 0, 2])
        XCTAssertEqual(many.levels, [[0, 0, 1], [3, 999, 3], [1, 1, 0]])
    }

    func testBadCodingsAreErrorsNotTraps() {
        XCTAssertThrowsError(try StratumCodes(combining: [[0, 3]], levelCounts: [3]))
        XCTAssertThrowsError(try StratumCodes(combining: [[0, -1]], levelCounts: [3]))
        XCTAssertThrowsError(try StratumCodes(combining: [[0, 1], [0]], levelCounts: [2, 2]))
        XCTAssertThrowsError(try StratumCodes(combining: [[0, 1]], levelCounts: [2, 2]))
        XCTAssertThrowsError(try StratumCodes(combining: [[]], levelCounts: [0]))
    }
}
