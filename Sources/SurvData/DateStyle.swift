/// How a column of dates shows its values. Both are stored as days since 1970-01-01, so that subtracting
/// two dates gives days whichever kind they are.
public enum DateStyle: String, Sendable, Equatable, Codable {
    /// A calendar date (Stata `%td`, SPSS `DATE`, SAS `DATE9.`, ISO 8601 `2016-03-01`).
    case date
    /// A date and time of day (Stata `%tc`, SPSS `DATETIME`, SAS `DATETIME20.`), to the second, in UTC.
    case dateTime
}
