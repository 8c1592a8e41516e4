// cmprsk's `cuminc` tests each cause that occurs. The statistic is s'V⁻¹s on the scores of all groups but
// the last; R inverts V through qr() and gives up (stat −1, p 1) when qr finds it rank-deficient. Here that
// case has no statistic and says why, rather than print a p-value of 1 that reads as "no difference".

/// Gray's test for one cause.
public struct GrayCauseTest: Codable, Equatable, Sendable {
    /// 1 for the event, c ≥ 2 for the (c − 1)-th competing cause.
    public var cause: Int
    public var causeCode: Int
    /// Chi-square on groups − 1 degrees of freedom; `nil` when it is undefined (see `warning`).
    public var statistic: ChiSquareStatistic?
    public var warning: CoreWarning?
    public init(cause: Int, causeCode: Int, statistic: ChiSquareStatistic?, warning: CoreWarning?) {
        self.cause = cause
        self.causeCode = causeCode
        self.statistic = statistic
        self.warning = warning
    }
}

/// Gray's (1988) K-sample test that a cause's cumulative incidence is the same in every group, for the
/// event and each competing cause (cmprsk's `cuminc(…)$Tests`).
public struct GrayTest: Codable, Equatable, Sendable {
    /// The group codes compared (those with rows), increasing.
    public var groups: [Int]
    /// The number of strata the scores were summed over (1 without strata).
    public var strata: Int
    /// The weight (1 − F(t−))^rho; 0 gives cmprsk's default test.
    public var rho: Double
    /// One test per cause, the event first.
    public var causes: [GrayCauseTest]

    public init(groups: [Int], strata: Int, rho: Double, causes: [GrayCauseTest]) {
        self.groups = groups
        self.strata = strata
        self.rho = rho
        self.causes = causes
    }

    /// Compares the groups for every cause.
    /// - Parameters:
    ///   - group: a code per row (any integers).
    ///   - strata: optional stratum labels (any integers): scores and variances are summed over strata, as
    ///     `cuminc(…, strata =)` does; the curves themselves are not stratified.
    ///   - rho: the power of the weight function.
    /// - Throws: `CoreError` for columns of the wrong length, a `rho` that is not finite, fewer than two
    ///   groups with rows, or no failure from any cause.
    public static func compute(_ data: CompetingRisksData, group: [Int], strata: [Int]? = nil,
                               rho: Double = 0) throws -> GrayTest {
        let n = data.rows
        guard group.count == n else { throw CoreError("group has \(group.count) values but there are \(n) rows") }
        if let strata, strata.count != n {
            throw CoreError("strata has \(strata.count) values but there are \(n) rows")
        }
        guard rho.isFinite else { throw CoreError("rho is \(rho)", hint: "use a finite power such as 0 or 1") }
        let codes = Array(Set(group)).sorted()
        guard codes.count >= 2 else {
            throw CoreError("Gray's test compares groups, and every row is in group \(codes.first.map(String.init) ?? "")",
                            hint: "compare by a variable with at least two groups in the rows used")
        }
        guard data.cause.contains(where: { $0 != 0 }) else {
            throw CoreError("no row failed from the event or a competing cause, so there is nothing to compare",
                            hint: "check the status codes: rows with a code not named as the event or a competing cause are censored")
        }
        var index: [Int: Int] = [:]
        for (k, code) in codes.enumerated() { index[code] = k }
        let groupIndex = group.map { index[$0] ?? 0 }
        var rowsByStratum: [Int: [Int]] = [:]
        for row in 0..<n { rowsByStratum[strata?[row] ?? 0, default: []].append(row) }
        let stratumBlocks = rowsByStratum.keys.sorted().map { TiedTimeBlocks(time: data.time, rows: rowsByStratum[$0]) }
        let ng = codes.count, df = Double(ng - 1)
        let counts = data.countsByCause

        var tests: [GrayCauseTest] = []
        for cause in 1...data.causeCount {
            try Interruption.checkpoint()
            let code = data.causeCodes[cause - 1]
            guard counts[cause] > 0 else {
                tests.append(GrayCauseTest(cause: cause, causeCode: code, statistic: nil, warning: CoreWarning(
                    code: "no_events", message: "no row failed from cause \(code), so its groups cannot be compared")))
                continue
            }
            let mark = data.cause.map { $0 == 0 ? 0 : $0 == cause ? 1 : 2 }
            var sums = GrayScore(groups: ng)
            for blocks in stratumBlocks { sums.add(blocks: blocks, mark: mark, group: groupIndex, groups: ng, rho: rho) }
            let m = ng - 1
            var columnMajor = [Double](repeating: 0, count: m * m)
            for i in 0..<m { for j in 0..<m { columnMajor[j * m + i] = sums.variance[i * m + j] } }
            let qr = HouseholderQR(columnMajor: columnMajor, rows: m, columns: m)
            let finite = sums.variance.allSatisfy(\.isFinite) && sums.score.allSatisfy(\.isFinite)
            guard qr.isFullRank, finite else {
                tests.append(GrayCauseTest(cause: cause, causeCode: code, statistic: nil, warning: CoreWarning(
                    code: "singular_variance",
                    message: "the variance of Gray's score for cause \(code) is singular (cmprsk reports stat −1); some groups may have no comparable follow-up")))
                continue
            }
            let solved = qr.leastSquares(sums.score)
            let chisq = zip(solved, sums.score).reduce(0) { $0 + $1.0 * $1.1 }
            tests.append(GrayCauseTest(cause: cause, causeCode: code, statistic: ChiSquareStatistic(chisq: chisq, df: df),
                                       warning: nil))
        }
        return GrayTest(groups: codes, strata: rowsByStratum.count, rho: rho, causes: tests)
    }
}
