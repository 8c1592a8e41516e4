import SurvCore
import SurvData

/// A date column's value as text (strata, tables, messages): `2016-03-01`, with the time of day for a
/// date-time; a value outside years 1 to 9999 shows as its number of days.
enum DateText {
    static func show(_ days: Double, _ style: DateStyle) -> String {
        CalendarDate.text(days: days, withTime: style == .dateTime) ?? NumberText.short(days)
    }
}
