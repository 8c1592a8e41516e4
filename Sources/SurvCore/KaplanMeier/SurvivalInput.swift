// Checks shared by every right-censored computation in this folder and in LogRank/: the same bad input
// must produce the same error wherever it is passed.

enum SurvivalInput {
    /// Rejects what would otherwise produce a silent NaN or a trap: no rows, mismatched lengths,
    /// times that are negative, infinite or NaN, and more rows than the row index type holds.
    static func validate(time: [Double], event: [Bool]) throws {
        guard !time.isEmpty else {
            throw CoreError("no rows to analyse", hint: "the data (after removing missing values) is empty")
        }
        guard time.count == event.count else {
            throw CoreError("time has \(time.count) values but the event indicator has \(event.count)")
        }
        guard time.count < Int(Int32.max) else {
            throw CoreError("too many rows (\(time.count)); at most \(Int32.max - 1) are supported")
        }
        for (i, t) in time.enumerated() where !(t.isFinite && t >= 0) {
            throw CoreError("time in row \(i + 1) is \(t)",
                            hint: "survival times must be finite and not negative; drop or fix that row")
        }
    }

    /// Case weights must be finite and not negative, one per row.
    static func validate(weights: [Double], rows: Int) throws {
        guard weights.count == rows else {
            throw CoreError("weights has \(weights.count) values but there are \(rows) rows")
        }
        for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw CoreError("weight in row \(i + 1) is \(w)", hint: "case weights must be finite and not negative")
        }
    }

    /// The normal quantile for a two-sided interval at `level`.
    static func criticalValue(level: Double) throws -> Double {
        guard level > 0, level < 1 else {
            throw CoreError("confidence level \(level) is not between 0 and 1", hint: "use e.g. 0.95")
        }
        return Normal.quantile(1 - (1 - level) / 2)
    }
}
