import XCTest
import SurvResults
@testable import SurvSession

/// `round(x)` in `let` and `where`: R's round(x), to the nearest whole number with a half going to the even
/// one (IEC 60559), so that a column rounded here and in R holds the same numbers.
final class RoundFunctionTests: XCTestCase {
    func column(_ name: String, in s: Session) throws -> [Double?] {
        let column = try XCTUnwrap(s.table?.column(named: name), "no column \(name)")
        return (0..<column.count).map { column.number(at: $0) }
    }

    func testRoundGoesToTheNearestWholeNumberAndAHalfToTheEvenOne() throws {
        let s = Session()
        _ = s.run(line: "load aml")
        // time holds 5, 8, 9, ...: divided by 2, the odd ones become halves.
        _ = s.run(line: "let half = time / 2")
        _ = s.run(line: "let r = round(half)")
        let half = try column("half", in: s), rounded = try column("r", in: s)
        for (h, r) in zip(half, rounded) {
            guard let h, let r else { return XCTFail("no value is missing") }
            XCTAssertLessThanOrEqual(abs(r - h), 0.5, "\(h) rounds to a nearest whole number")
            XCTAssertEqual(r, r.rounded(), "\(h) rounds to a whole number")
            if abs(r - h) == 0.5 { XCTAssertEqual(r.truncatingRemainder(dividingBy: 2), 0, "the half \(h) goes to the even number") }
        }
        XCTAssertTrue(half.contains { $0.map { $0 - $0.rounded(.down) == 0.5 } ?? false }, "the data hold halves")
    }

    func testThreeDecimalsKeepTimesOneTenthOfAMonthApartApart() throws {
        let s = Session()
        _ = s.run(line: "load graall")
        _ = s.run(line: "let y = round(os_months / 12 * 1000) / 1000")
        let years = try column("y", in: s).compactMap { $0 }
        let months = try column("os_months", in: s).compactMap { $0 }
        XCTAssertEqual(Set(years).count, Set(months).count, "no two times merge")
        XCTAssertTrue(years.allSatisfy { ($0 * 1000 - ($0 * 1000).rounded()).magnitude < 1e-6 })
    }

    func testRoundOfAMissingValueIsMissing() throws {
        let s = Session()
        _ = s.run(line: "load lung")
        _ = s.run(line: "let r = round(wt.loss / 3)")
        XCTAssertEqual(try column("r", in: s).filter { $0 == nil }.count, try column("wt.loss", in: s).filter { $0 == nil }.count)
    }
}
