// Groups are the distinct codes present, in increasing order, as cmprsk's `cuminc` takes the levels of its
// group factor that have rows. A cause the caller named that never occurs still gets its (flat) curve:
// cmprsk leaves such a cause out, but a reader who asked for it should see that it is zero.

/// Cumulative incidence of the event and of each competing cause, per group (cmprsk's `cuminc`).
public struct CumulativeIncidence: Codable, Equatable, Sendable {
    /// The status code of each cause: the event's first.
    public var causeCodes: [Int]
    /// Group by group (increasing codes), and within a group cause by cause (the event first).
    public var curves: [CumulativeIncidenceCurve]
    public var transform: ConfidenceTransform
    public var level: Double

    public init(causeCodes: [Int], curves: [CumulativeIncidenceCurve], transform: ConfidenceTransform, level: Double) {
        self.causeCodes = causeCodes
        self.curves = curves
        self.transform = transform
        self.level = level
    }

    /// Estimates every curve.
    /// - Parameters:
    ///   - group: a code per row (any integers); all rows form one group (code 0) when `nil`.
    ///   - transform: the scale of the pointwise confidence intervals; log(−log F) by default (see
    ///     `IncidenceInterval`).
    ///   - level: their confidence level.
    /// - Throws: `CoreError` when `group` does not have one code per row, the level is not in (0, 1), or no
    ///   row failed from any of the causes (every curve would be 0).
    public static func estimate(_ data: CompetingRisksData, group: [Int]? = nil,
                                transform: ConfidenceTransform = .logLog, level: Double = 0.95) throws -> CumulativeIncidence {
        let z = try IncidenceInterval.criticalValue(level: level)
        let codes = group ?? [Int](repeating: 0, count: data.rows)
        guard codes.count == data.rows else {
            throw CoreError("group has \(codes.count) values but there are \(data.rows) rows")
        }
        guard data.cause.contains(where: { $0 != 0 }) else {
            throw CoreError("no row failed from the event or a competing cause, so every cumulative incidence is 0",
                            hint: "check the status codes: rows with a code not named as the event or a competing cause are censored")
        }
        var rowsByGroup: [Int: [Int]] = [:]
        for (row, g) in codes.enumerated() { rowsByGroup[g, default: []].append(row) }
        var curves: [CumulativeIncidenceCurve] = []
        for g in rowsByGroup.keys.sorted() {
            try Interruption.checkpoint()
            let rows = rowsByGroup[g] ?? []
            let blocks = TiedTimeBlocks(time: data.time, rows: rows)
            for cause in 1...data.causeCount {
                let curve = AalenJohansenIncidence.estimate(blocks: blocks, cause: data.cause, of: cause,
                                                            transform: transform, z: z)
                curves.append(CumulativeIncidenceCurve(
                    group: g, cause: cause, causeCode: data.causeCodes[cause - 1], n: rows.count,
                    events: curve.events, lastTime: curve.lastTime, transform: transform, level: level,
                    steps: curve.steps))
            }
        }
        return CumulativeIncidence(causeCodes: data.causeCodes, curves: curves, transform: transform, level: level)
    }

    /// The curve of `cause` (1 = the event) in group `group`, if that group has rows.
    public func curve(group: Int, cause: Int) -> CumulativeIncidenceCurve? {
        curves.first { $0.group == group && $0.cause == cause }
    }
}
