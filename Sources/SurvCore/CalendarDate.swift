/// Dates as numbers of days since 1970-01-01 (R's `Date`), in the proleptic Gregorian calendar, converted
/// with whole-number arithmetic (H. Hinnant's civil-from-days algorithms) so that no time zone, locale or
/// leap second can shift a day. A fraction of a day is a time of day, in UTC.
public struct CalendarDate: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Years 1 to 9999: what a date written YYYY-MM-DD can hold, and far beyond any clinical record.
    public static let firstDay = -719_162.0
    public static let lastDay = 2_932_896.0

    /// The date of day `days` (its fraction ignored), or nil outside years 1 to 9999 or for a non-finite value.
    public init?(days: Double) {
        guard days.isFinite, days >= Self.firstDay, days < Self.lastDay + 1 else { return nil }
        var z = Int(days.rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        z -= era * 146_097
        let yearOfEra = (z - z / 1460 + z / 36_524 - z / 146_096) / 365
        let dayOfYear = z - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01; the fields must make a real date (see `parse`).
    public var days: Double {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Double(era * 146_097 + dayOfEra - 719_468)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads exactly `YYYY-MM-DD` (ISO 8601's calendar date, four-digit year), a day that exists: 2015-02-29
    /// is not a date. Anything else — other separators, a time, spaces — is nil.
    public static func parse<Bytes: Collection>(_ text: Bytes) -> CalendarDate? where Bytes.Element == UInt8 {
        guard text.count == 10 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(8)
        for (offset, byte) in text.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(month, of: year) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    public static func parse(_ text: String) -> CalendarDate? { parse(Array(text.utf8)) }

    /// `2016-03-01`.
    public var text: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `2016-03-01` for a date, `2016-03-01 14:30:00` when `withTime` (the time of day rounded to the second);
    /// nil outside years 1 to 9999.
    public static func text(days: Double, withTime: Bool = false) -> String? {
        guard withTime else { return CalendarDate(days: days)?.text }
        guard days.isFinite else { return nil }
        // Rounded to the second first, so 23:59:59.7 reads as the next day's 00:00:00, not 24:00:00.
        let seconds = (days * 86_400).rounded()
        let wholeDays = (seconds / 86_400).rounded(.down)
        guard let date = CalendarDate(days: wholeDays) else { return nil }
        let secondOfDay = Int(seconds - wholeDays * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date.text) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }
}
