import Foundation

// The one-step computation behind cox.zph (R's zph1): at the fitted coefficients, the score for the extended
// model with covariates x and g(t)·x, its full 2p×2p information matrix, and the Schoenfeld residuals.
// One backward pass over the prepared data (sorted by stratum then time), with the running risk-set sums the
// likelihood pass uses too.

struct ProportionalHazardsScorePass {
    /// Number of estimable design columns p.
    let columns: Int
    /// Score of the extended model, length 2p (the first p are ~0 at the fitted coefficients).
    private(set) var score: [Double]
    /// Information of the extended model, row-major 2p×2p.
    private(set) var information: [Double]
    /// Schoenfeld residuals, row-major: p values per event, events ordered by stratum then time.
    private(set) var schoenfeld: [Double]
    /// Original row of each event, in the same order.
    let eventRows: [Int]
    /// Time (after timefix) of each event.
    let eventTimes: [Double]
    /// Dense stratum index (0-based, ordered by label) of each event.
    let eventStratum: [Int]
    /// Per stratum and column: the stratum's event count if the column varies within it, else 0.
    let used: [[Int]]
    let strataCount: Int

    /// The pass's results computed elsewhere (the (start, stop] pass, R's zph2).
    init(columns: Int, score: [Double], information: [Double], schoenfeld: [Double], eventRows: [Int],
         eventTimes: [Double], eventStratum: [Int], used: [[Int]], strataCount: Int) {
        self.columns = columns
        self.score = score
        self.information = information
        self.schoenfeld = schoenfeld
        self.eventRows = eventRows
        self.eventTimes = eventTimes
        self.eventStratum = eventStratum
        self.used = used
        self.strataCount = strataCount
    }

    init(input: CoxModelInput, fit: CoxFit, prepared: SurvivalPreparation, transformedTime: [Double]) {
        let n = input.time.count
        let kept = fit.coefficients.map(\.column)
        let p = kept.count
        columns = p
        let order = prepared.order
        let isEvent = prepared.sortedEvent
        let weight = prepared.sortedWeight
        strataCount = prepared.strata

        // Covariates of the kept columns in sorted row-major order, recentred by their plain mean for
        // numerical stability (as zph1 does).
        var position = [Int32](repeating: 0, count: n)
        for i in 0..<n { position[Int(order[i])] = Int32(truncatingIfNeeded: i) }
        let columns = kept.map { input.covariates[$0] }
        let x = CoxSortedData.rowMajor(columns, centres: columns.map { $0.reduce(0, +) / Double(n) },
                                       scales: [Double](repeating: 1, count: p), position: position)

        var used = [[Int]](repeating: [Int](repeating: 0, count: p), count: strataCount)
        for s in 0..<strataCount {
            let rows = prepared.positions(ofStratum: s)
            guard let start = rows.first else { continue }
            let deaths = rows.lazy.filter { isEvent[$0] }.count
            for (c, j) in kept.enumerated() {
                let column = input.covariates[j]
                let first = column[Int(order[start])]
                if rows.contains(where: { column[Int(order[$0])] != first }) { used[s][c] = deaths }
            }
        }
        self.used = used

        // g(t) centred at its mean over the events.
        var eventTransformedSum = 0.0, eventCount = 0
        for row in 0..<n where input.event[row] {
            eventTransformedSum += transformedTime[row]
            eventCount += 1
        }
        let centre = eventTransformedSum / Double(max(eventCount, 1))

        // Risk scores; shifted only if exp() would overflow (ratios within a risk set are unchanged).
        var eta = fit.linearPredictor
        let limit = Foundation.log(Double.greatestFiniteMagnitude)
        if let top = eta.max(), top > limit {
            let shift = limit - (1 + top)
            eta = eta.map { $0 + shift }
        }
        // In sorted order, so the pass reads it in sequence instead of one scattered load per row.
        let sortedEta = CoxSortedData.scatter(eta, to: position)

        let q = 2 * p
        var u = [Double](repeating: 0, count: q)
        var imat = [Double](repeating: 0, count: q * q)
        var eventPositions: [Int] = []
        eventPositions.reserveCapacity(eventCount)
        var eventStratum: [Int] = []
        var eventTimes: [Double] = []
        for s in 0..<strataCount {
            for b in prepared.blocks(ofStratum: s) {
                for position in prepared.positions(ofBlock: b) where isEvent[position] {
                    eventPositions.append(position)
                    eventStratum.append(s)
                    eventTimes.append(prepared.blockTime[b])
                }
            }
        }
        var schoen = [Double](repeating: 0, count: eventPositions.count * p)
        var sums = RiskSetSums(columns: p)
        defer { sums.deallocate() }
        var nextEvent = eventPositions.count
        let efron = fit.ties == .efron
        x.withUnsafeBufferPointer { x in
            // Validated input has n ≥ 1, and a fit with no coefficient is refused before this pass.
            guard let xBase = x.baseAddress else { return }
            for s in stride(from: prepared.strata - 1, through: 0, by: -1) {
                sums.startStratum()
                for b in prepared.blocks(ofStratum: s).reversed() {
                    let positions = prepared.positions(ofBlock: b)
                    guard let first = positions.first else { continue }
                    let timeWeight = transformedTime[Int(order[first])] - centre
                    for position in positions.reversed() {
                        let row = position * p
                        let w = weight?[position] ?? 1
                        let risk = exp(sortedEta[position]) * w
                        if isEvent[position] {
                            nextEvent -= 1
                            for i in 0..<p {
                                let xi = x[row + i]
                                schoen[nextEvent * p + i] = xi
                                u[i] += w * xi
                                u[i + p] += timeWeight * w * xi
                            }
                        }
                        sums.add(xBase.advanced(by: row), risk: risk, weight: w, isEvent: isEvent[position])
                    }
                    let deaths = sums.deaths
                    guard deaths > 0 else { continue }
                    let tied = sums.tiedDeathWeights(efron: efron)
                    for i in 0..<p {
                        let meanSum = sums.meanSum(i, tied)
                        // Schoenfeld residual: the event's covariate minus the mean of the fractional risk-set means.
                        let meanOfMeans = meanSum / Double(tied.steps)
                        for e in nextEvent..<(nextEvent + deaths) { schoen[e * p + i] -= meanOfMeans }
                        u[i] -= tied.stepWeight * meanSum
                        u[i + p] -= timeWeight * tied.stepWeight * meanSum
                        for j in 0...i {
                            let t = tied.stepWeight * sums.covarianceSum(i, j, tied)
                            imat[j * q + i] += t
                            imat[j * q + i + p] += timeWeight * t
                            imat[(j + p) * q + i + p] += timeWeight * timeWeight * t
                        }
                    }
                    sums.closeTime()
                }
            }
        }
        // Fill the symmetric blocks from the computed upper parts.
        for i in 0..<p {
            for j in 0..<i {
                imat[i * q + j] = imat[j * q + i]
                imat[i * q + j + p] = imat[j * q + i + p]
                imat[(i + p) * q + j + p] = imat[(j + p) * q + i + p]
            }
        }
        for i in 0..<p { for j in 0..<p { imat[(i + p) * q + j] = imat[j * q + i + p] } }
        score = u
        information = imat
        schoenfeld = schoen
        eventRows = eventPositions.map { Int(order[$0]) }
        self.eventTimes = eventTimes
        self.eventStratum = eventStratum
    }
}
