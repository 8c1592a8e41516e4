// A status column says how each row's follow-up ended, in the codes of the data set (1 = relapse, 2 = death,
// 0 = alive…). The analyses here only need to know whether a row failed from the event, from a competing
// cause, or was censored; every code the caller did not name counts as censored, as the endpoint declares it.

/// Follow-up times with the cause each row failed from, for cumulative incidence, Gray's test and Fine–Gray.
public struct CompetingRisksData: Sendable, Equatable {
    /// Follow-up time per row, finite and not negative.
    public let time: [Double]
    /// Per row: 0 when censored, 1 for the event, c ≥ 2 for the (c − 1)-th competing cause.
    public let cause: [Int]
    /// The status code of each cause: the event's first, then the competing ones in the order given.
    public let causeCodes: [Int]

    /// Reads a status column.
    /// - Parameters:
    ///   - status: one code per row.
    ///   - event: the code of the event of interest.
    ///   - competing: the codes of the competing causes (at least one, none equal to `event` or repeated).
    /// - Throws: `CoreError` for empty or mismatched columns, times that are negative, infinite or NaN, and
    ///   codes listed twice.
    public init(time: [Double], status: [Int], event: Int, competing: [Int]) throws {
        guard !time.isEmpty else {
            throw CoreError("no rows to analyse", hint: "the data (after removing missing values) is empty")
        }
        guard time.count == status.count else {
            throw CoreError("time has \(time.count) values but status has \(status.count)")
        }
        guard time.count < Int(Int32.max) else {
            throw CoreError("too many rows (\(time.count)); at most \(Int32.max - 1) are supported")
        }
        for (i, t) in time.enumerated() where !(t.isFinite && t >= 0) {
            throw CoreError("time in row \(i + 1) is \(t)",
                            hint: "follow-up times must be finite and not negative; drop or fix that row")
        }
        guard !competing.isEmpty else {
            throw CoreError("no competing cause was given",
                            hint: "name at least one competing code; with none, use a Kaplan–Meier curve")
        }
        let codes = [event] + competing
        guard Set(codes).count == codes.count else {
            throw CoreError("the status codes \(codes.map(String.init).joined(separator: ", ")) name a cause twice",
                            hint: "each code may be the event or one competing cause, not both")
        }
        var index: [Int: Int] = [:]
        for (c, code) in codes.enumerated() { index[code] = c + 1 }
        self.time = time
        self.cause = status.map { index[$0] ?? 0 }
        self.causeCodes = codes
    }

    public var rows: Int { time.count }
    /// The event plus the competing causes.
    public var causeCount: Int { causeCodes.count }

    /// Rows that failed from each cause, indexed 1...causeCount (entry 0 counts the censored rows).
    public var countsByCause: [Int] {
        var counts = [Int](repeating: 0, count: causeCount + 1)
        for c in cause { counts[c] += 1 }
        return counts
    }
}
