import Foundation

/// The function of time against which cox.zph tests each coefficient for a trend (`transform=` in R).
public enum PHTimeTransform: String, Codable, Sendable, CaseIterable {
    /// 1 − Kaplan–Meier estimate just before each time (R's default).
    case km
    /// Rank of the time among all observations.
    case rank
    /// The time itself.
    case identity
    /// log(time).
    case log
}

/// The score test of one term: does its coefficient change with transformed time?
public struct PHTermTest: Codable, Equatable, Sendable {
    public var name: String
    public var chisq: Double
    public var df: Double
    public var p: Double
}

/// Scaled Schoenfeld residuals, one row per event, for plotting β(t) against transformed time.
public struct ScaledSchoenfeldResiduals: Codable, Equatable, Sendable {
    /// Event times, ordered by stratum then time.
    public var time: [Double]
    /// The same times after the test's transform.
    public var transformedTime: [Double]
    /// Stratum label of each event (`nil` for an unstratified model).
    public var stratum: [Int]?
    /// Term names, one per entry of `values`.
    public var terms: [String]
    /// Per term, one value per event: the coefficient plus the scaled residual (for a term spanning several
    /// columns, 1 plus the residual's projection on the coefficients, as R does). `nil` where R gives NA
    /// (the covariate is constant within that event's stratum).
    public var values: [[Double?]]
    /// R's `var`: the inverse of the average information per event, one row and column per term; the band
    /// R draws around the smoothed residuals scales with its diagonal. Empty if that matrix is singular.
    public var variance: [[Double]]
}

/// The test of proportional hazards of R's `cox.zph` (survival 3.x): an exact score test using the full
/// information matrix, per term and globally.
public struct ProportionalHazardsTest: Codable, Equatable, Sendable {
    public var terms: [PHTermTest]
    public var global: ChiSquareStatistic
    /// Name of the time transform (`km`, `rank`, `identity`, `log`).
    public var transform: String
    public var residuals: ScaledSchoenfeldResiduals

    /// Tests the fitted model `fit` of `input` for non-proportional hazards.
    /// - Parameter prepared: `input.prepared()` when the caller kept it from the fit; made here otherwise. It
    ///   carries the same tied times as the fit saw (R's cox.zph applies timefix too).
    public static func compute(input: CoxModelInput, fit: CoxFit, transform: PHTimeTransform = .km,
                               prepared: SurvivalPreparation? = nil) throws -> ProportionalHazardsTest {
        try input.validate()
        guard fit.linearPredictor.count == input.time.count else {
            throw CoreError("the fit was made on \(fit.linearPredictor.count) rows, the data has \(input.time.count)")
        }
        guard !fit.coefficients.isEmpty else { throw CoreError("the model has no estimable coefficients to test") }
        guard fit.coefficients.allSatisfy({ $0.column >= 0 && $0.column < input.covariates.count }) else {
            throw CoreError("the fit refers to design columns the data does not have")
        }
        let prepared = try input.prepared(reusing: prepared)
        let transformed = try transformedTimes(prepared, transform: transform)
        try Interruption.checkpoint()
        let pass = ProportionalHazardsScorePass(input: input, fit: fit, prepared: prepared, transformedTime: transformed)
        return try assemble(terms: input.resolvedTerms, strata: input.strata, fit: fit, pass: pass, transform: transform,
                            transformed: transformed)
    }

    /// g(t) per observation, before centring, of the times after timefix.
    static func transformedTimes(_ prepared: SurvivalPreparation, transform: PHTimeTransform) throws -> [Double] {
        var result = [Double](repeating: 0, count: prepared.rows)
        // Per block, a value for all its rows.
        func assign(_ block: Int, _ value: Double) {
            for position in prepared.positions(ofBlock: block) { result[Int(prepared.order[position])] = value }
        }
        switch transform {
        case .identity:
            for b in prepared.blockTime.indices { assign(b, prepared.blockTime[b]) }
        case .log:
            guard prepared.blockTime.allSatisfy({ $0 > 0 }) else {
                throw CoreError("the log transform needs all times > 0", hint: "use transform km or rank")
            }
            for b in prepared.blockTime.indices { assign(b, Foundation.log(prepared.blockTime[b])) }
        case .rank, .km:
            // Over all observations, strata pooled: average ranks as R's rank(), or 1 − S(t−) of the
            // unweighted Kaplan–Meier curve, as cox.zph computes them.
            let blocks = prepared.blocksInTimeOrder(strata: 0..<prepared.strata)
            var before = 0
            var survival = 1.0
            var i = 0
            while i < blocks.count {
                let current = prepared.blockTime[Int(blocks[i])]
                var j = i
                var rows = 0, deaths = 0
                while j < blocks.count && prepared.blockTime[Int(blocks[j])] == current {
                    let range = prepared.positions(ofBlock: Int(blocks[j]))
                    rows += range.count
                    for position in range where prepared.sortedEvent[position] { deaths += 1 }
                    j += 1
                }
                let value = transform == .rank ? Double(2 * before + rows + 1) / 2 : 1 - survival
                for k in i..<j { assign(Int(blocks[k]), value) }
                survival *= 1 - Double(deaths) / Double(prepared.rows - before)
                before += rows
                i = j
            }
        }
        return result
    }

    /// The tests and scaled residuals from one score pass, shared by right-censored and (start, stop] fits.
    /// - Parameters:
    ///   - terms: the model's terms over its design columns; `strata`: the stratum code of each row, if any.
    static func assemble(terms: [CoxTermGroup], strata: [Int]?, fit: CoxFit, pass: ProportionalHazardsScorePass,
                         transform: PHTimeTransform, transformed: [Double]) throws -> ProportionalHazardsTest {
        let p = pass.columns
        let keptColumns = fit.coefficients.map(\.column)
        let coef = fit.coefficients.map(\.coef)
        // Terms restricted to the estimable columns, as positions among them.
        var termNames: [String] = []
        var termColumns: [[Int]] = []
        for term in terms {
            let positions = term.columns.compactMap { keptColumns.firstIndex(of: $0) }.sorted()
            if !positions.isEmpty {
                termNames.append(term.name)
                termColumns.append(positions)
            }
        }

        func scoreTest(_ indices: [Int]) throws -> Double {
            let m = indices.count
            var sub = [Double](repeating: 0, count: m * m)
            for (a, i) in indices.enumerated() { for (b, j) in indices.enumerated() { sub[a * m + b] = pass.information[i * 2 * p + j] } }
            let rhs = indices.map { $0 < p ? 0 : pass.score[$0] }
            // Scaled to a unit diagonal: the test does not depend on the covariates' units, and neither may
            // the singularity judgement (a 0/1 term beside values in the millions is not singular).
            let factor = EquilibratedCholesky(symmetric: sub, size: m)
            guard factor.rank == m else {
                throw CoreError("the information matrix of the proportional-hazards test is singular")
            }
            let solved = factor.solve(rhs)
            var t = 0.0
            for a in 0..<m { t += rhs[a] * solved[a] }
            return t
        }

        var tests: [PHTermTest] = []
        for (name, columns) in zip(termNames, termColumns) {
            // Each term's test factors a (p + k)-square matrix: with many terms this is the slow part.
            try Interruption.checkpoint()
            let chisq = try scoreTest(Array(0..<p) + columns.map { $0 + p })
            let df = Double(columns.count)
            tests.append(PHTermTest(name: name, chisq: chisq, df: df, p: ChiSquared.sf(chisq, df: df)))
        }
        let globalChisq = try scoreTest(Array(0..<(2 * p)))
        let global = ChiSquareStatistic(chisq: globalChisq, df: Double(p))

        let (values, averageInformation) = scaledResiduals(pass: pass, coef: coef, termColumns: termColumns)
        let m = termNames.count
        let factor = EquilibratedCholesky(symmetric: averageInformation, size: m)
        let variance = factor.rank == m ? (0..<m).map { i in factor.solve((0..<m).map { $0 == i ? 1 : 0 }) } : []
        let residuals = ScaledSchoenfeldResiduals(
            time: pass.eventTimes,
            transformedTime: pass.eventRows.map { transformed[$0] },
            stratum: strata.map { s in pass.eventRows.map { s[$0] } },
            terms: termNames, values: values, variance: variance)
        return ProportionalHazardsTest(terms: tests, global: global, transform: transform.rawValue, residuals: residuals)
    }

    /// R's scaling of the Schoenfeld residuals: by the average information per event within each stratum,
    /// restricted to covariates that vary there, then shifted by the coefficient. Also returns that average
    /// information over terms (row-major).
    private static func scaledResiduals(pass: ProportionalHazardsScorePass, coef: [Double],
                                        termColumns: [[Int]]) -> ([[Double?]], [Double]) {
        let p = pass.columns
        let strata = pass.strataCount
        var used = pass.used   // [stratum][column]
        for columns in termColumns where columns.count > 1 {
            for s in 0..<strata where columns.contains(where: { used[s][$0] == 0 }) {
                let m = columns.map { used[s][$0] }.max() ?? 0
                for c in columns { used[s][c] = m }
            }
        }
        var vmean = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                var w = 0
                for s in 0..<strata { w += min(used[s][i], used[s][j]) }
                vmean[i * p + j] = pass.information[i * 2 * p + j] / Double(w == 0 ? 1 : w)
            }
        }
        let nterm = termColumns.count
        let events = pass.eventRows.count
        // Residuals per term: a multi-column term is projected on its coefficients, a single column is kept
        // (multiplying by an indicator matrix is exact, so this matches R's per-column path too).
        let width = nterm
        var t = [Double](repeating: 0, count: p * nterm)   // p × nterm
        for (k, columns) in termColumns.enumerated() {
            for c in columns { t[c * nterm + k] = columns.count == 1 ? 1 : coef[c] }
        }
        let schoenfeld = pass.schoenfeld
        var resid = [Double](repeating: 0, count: events * nterm)   // row-major events × nterm
        for e in 0..<events {
            for k in 0..<nterm {
                var sum = 0.0
                for c in termColumns[k] { sum += schoenfeld[e * p + c] * t[c * nterm + k] }
                resid[e * nterm + k] = sum
            }
        }
        var v = [Double](repeating: 0, count: nterm * nterm)
        for a in 0..<nterm {
            for b in 0..<nterm {
                var s = 0.0
                for i in termColumns[a] { for j in termColumns[b] { s += t[i * nterm + a] * vmean[i * p + j] * t[j * nterm + b] } }
                v[a * nterm + b] = s
            }
        }
        let usedTerm = used.map { row in termColumns.map { row[$0[0]] } }
        // The terms that vary, and the solution of their block of v, depend only on the stratum: the block's
        // inverse (columns of solves, 0 for a singular term) is made once per stratum, and each event's
        // residuals are multiplied by it, term by term, with no allocation per event.
        var inverses: [(terms: [Int], position: [Int?], inverse: [Double], singular: [Bool])] = []
        for s in 0..<strata {
            let k = (0..<width).filter { usedTerm[s][$0] > 0 }
            let m = k.count
            var sub = [Double](repeating: 0, count: m * m)
            for (a, i) in k.enumerated() { for (b, j) in k.enumerated() { sub[a * m + b] = v[i * width + j] } }
            let factor = EquilibratedCholesky(symmetric: sub, size: m)
            var inverse = [Double](repeating: 0, count: m * m)   // inverse[a * m + b]
            for b in 0..<m {
                let column = factor.solve((0..<m).map { $0 == b ? 1 : 0 })
                for a in 0..<m { inverse[a * m + b] = column[a] }
            }
            var position = [Int?](repeating: nil, count: width)
            for (a, term) in k.enumerated() { position[term] = a }
            inverses.append((k, position, inverse, (0..<m).map { factor.isSingular($0) }))
        }
        // Events come stratum by stratum: each run shares one block.
        var runs: [(stratum: Int, events: Range<Int>)] = []
        var start = 0
        while start < events {
            var end = start + 1
            while end < events && pass.eventStratum[end] == pass.eventStratum[start] { end += 1 }
            runs.append((pass.eventStratum[start], start..<end))
            start = end
        }
        var values: [[Double?]] = []
        for c in 0..<width {
            let shift = termColumns[c].count == 1 ? coef[termColumns[c][0]] : 1
            var column: [Double?] = []
            column.reserveCapacity(events)
            for run in runs {
                let block = inverses[run.stratum]
                guard let a = block.position[c], !block.singular[a] else {
                    column.append(contentsOf: repeatElement(nil, count: run.events.count))
                    continue
                }
                let m = block.terms.count
                for e in run.events {
                    var sum = 0.0
                    for b in 0..<m { sum += block.inverse[a * m + b] * resid[e * nterm + block.terms[b]] }
                    column.append(sum + shift)
                }
            }
            values.append(column)
        }
        return (values, v)
    }
}
