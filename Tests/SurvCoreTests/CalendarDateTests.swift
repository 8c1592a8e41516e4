import XCTest
@testable import SurvCore

final class CalendarDateTests: XCTestCase {
    func testKnownDays() {
        XCTAssertEqual(CalendarDate(year: 1970, month: 1, day: 1).days, 0)
        XCTAssertEqual(CalendarDate(year: 1960, month: 1, day: 1).days, -3653)          // Stata's and SAS's day 0
        XCTAssertEqual(CalendarDate(year: 1582, month: 10, day: 14).days, -141_428)     // SPSS's
        XCTAssertEqual(CalendarDate(year: 2016, month: 3, day: 1).days, 16_861)          // as.numeric(as.Date("2016-03-01"))
        XCTAssertEqual(CalendarDate(days: 16_860)?.text, "2016-02-29")
        XCTAssertEqual(CalendarDate(days: -0.5)?.text, "1969-12-31")
    }

    func testEveryDayOfFourHundredYearsRoundTrips() {
        var previous: CalendarDate?
        for days in stride(from: -80_000, to: 80_000, by: 1) {
            guard let date = CalendarDate(days: Double(days)) else { return XCTFail("no date for \(days)") }
            XCTAssertEqual(date.days, Double(days))
            XCTAssertEqual(CalendarDate.parse(date.text), date)
            if let previous, date.day != 1 { XCTAssertEqual(date.day, previous.day + 1) }
            previous = date
        }
    }

    func testOnlyRealDatesParse() {
        XCTAssertNotNil(CalendarDate.parse("2000-02-29"))
        XCTAssertNil(CalendarDate.parse("1900-02-29"))
        XCTAssertNil(CalendarDate.parse("2015-02-29"))
        XCTAssertNil(CalendarDate.parse("2015-13-01"))
        XCTAssertNil(CalendarDate.parse("2015-04-31"))
        XCTAssertNil(CalendarDate.parse("0000-01-01"))
        XCTAssertNil(CalendarDate.parse("2015/01/01"))
        XCTAssertNil(CalendarDate.parse(" 2015-01-01"))
        XCTAssertNil(CalendarDate.parse("2015-1-01"))
        XCTAssertNil(CalendarDate.parse("2015-01-01T00:00"))
    }

    func testOutOfRangeAndDateTimes() {
        XCTAssertNil(CalendarDate(days: .infinity))
        XCTAssertNil(CalendarDate(days: 1e300))
        XCTAssertNil(CalendarDate.text(days: 1e300, withTime: true))
        XCTAssertEqual(CalendarDate.text(days: 16_861 + 0.5, withTime: true), "2016-03-01 12:00:00")
        XCTAssertEqual(CalendarDate.text(days: 16_861 - 0.3 / 86_400, withTime: true), "2016-03-01 00:00:00")
    }
}
