import Foundation

// The Newton–Raphson of R's `crr` step for step, so that its convergence rule stops at the same iterate:
// stop when max |gradient_j|·max(|β_j|, 1) < max(|−log L|, 1)·gtol; otherwise take the Newton step and halve
// it (at most 20 times) until −log L falls by at least 10⁻⁴ of the step's predicted decrease. Stopping at
// the same iterate matters because gtol = 10⁻⁶ leaves the last digits of β to the path taken.

/// One coefficient of a Fine–Gray model.
public struct FineGrayCoefficient: Codable, Equatable, Sendable {
    public var name: String
    public var coef: Double
    /// From the robust (sandwich) variance crr reports.
    public var se: Double
    public var z: Double
    /// Two-sided, from the normal distribution.
    public var p: Double
    /// The subdistribution hazard ratio exp(coef), with its confidence interval.
    public var hr: Double
    public var hrLower: Double
    public var hrUpper: Double
    public init(name: String, coef: Double, se: Double, z: Double, p: Double, hr: Double, hrLower: Double, hrUpper: Double) {
        self.name = name
        self.coef = coef
        self.se = se
        self.z = z
        self.p = p
        self.hr = hr
        self.hrLower = hrLower
        self.hrUpper = hrUpper
    }
}

/// A Fine–Gray proportional subdistribution-hazards model of the event (R's `cmprsk::crr`).
public struct FineGrayFit: Codable, Equatable, Sendable {
    /// Rows used.
    public var n: Int
    /// Rows failed from the event, from a competing cause, and censored.
    public var events: Int
    public var competingEvents: Int
    public var censored: Int
    /// The event's status code.
    public var eventCode: Int
    /// Censoring groups the censoring distribution was estimated in (1 without `censoringGroups`).
    public var censoringGroups: Int
    /// Level of the hazard-ratio intervals.
    public var level: Double
    public var coefficients: [FineGrayCoefficient]
    /// The robust variance of the coefficients (crr's `var`).
    public var variance: [[Double]]
    /// The inverse of the information matrix (crr's `invinf`), the variance a naive fit would report.
    public var inverseInformation: [[Double]]
    /// Log pseudo-likelihood at the estimate and at β = 0.
    public var loglik: Double
    public var loglikNull: Double
    /// −2·(loglikNull − loglik) on p degrees of freedom, as summary.crr prints it (a pseudo-likelihood: the
    /// Wald tests on the robust variance are the ones to trust).
    public var pseudoLikelihoodRatio: ChiSquareStatistic
    /// Newton steps taken.
    public var iterations: Int
    public var converged: Bool
    public var warnings: [CoreWarning]

    /// Fits the model.
    /// - Parameters:
    ///   - level: confidence level of the hazard-ratio intervals.
    ///   - maxIterations: crr's `maxiter`.
    ///   - tolerance: crr's `gtol`.
    /// - Throws: `CoreError` for invalid input, no failure from the event, a design whose columns cannot all
    ///   be estimated (collinear or constant), a competing failure whose censoring weight is undefined, or an
    ///   interruption.
    public static func fit(_ input: FineGrayInput, level: Double = 0.95, maxIterations: Int = 10,
                           tolerance: Double = 1e-6) throws -> FineGrayFit {
        try input.validate()
        let z = try IncidenceInterval.criticalValue(level: level)
        guard maxIterations >= 0, maxIterations <= 1000 else {
            throw CoreError("maxIterations must be between 0 and 1000")
        }
        guard tolerance > 0, tolerance.isFinite else { throw CoreError("the tolerance must be a positive number") }
        let data = FineGrayData(input)
        if let time = data.undefinedWeightTime {
            throw CoreError("the competing failure at time \(time) has an estimated censoring probability of 0 just before it, so its weight in the later risk sets is undefined",
                            hint: "times within rounding noise of each other are tied when the censoring distribution is estimated; round the times to the precision they were measured in")
        }
        try Interruption.checkpoint()
        let p = data.columns
        var beta = [Double](repeating: 0, count: p)
        var current = FineGrayLikelihood(data, beta: beta, derivatives: true)
        let null = current.value
        var converged = false
        var iterations = 0
        for step in 0...maxIterations {
            try Interruption.checkpoint()
            if step > 0 { current = FineGrayLikelihood(data, beta: beta, derivatives: true) }
            var largest = 0.0
            for j in 0..<p { largest = max(largest, abs(current.gradient[j]) * max(abs(beta[j]), 1)) }
            if largest < max(abs(current.value), 1) * tolerance {
                converged = true
                break
            }
            if step == maxIterations { break }
            let solved = try factor(current.information, names: input.columnNames).solve(current.gradient)
            var change = solved.map { -$0 }
            var slope = 0.0
            for j in 0..<p { slope += change[j] * current.gradient[j] }
            var halvings = 0
            var candidate = zip(beta, change).map { $0 + $1 }
            var value = FineGrayLikelihood(data, beta: candidate, derivatives: false).value
            while value.isNaN || value > current.value + 1e-4 * slope {
                try Interruption.checkpoint()
                halvings += 1
                for j in 0..<p { change[j] *= 0.5 }
                candidate = zip(beta, change).map { $0 + $1 }
                value = FineGrayLikelihood(data, beta: candidate, derivatives: false).value
                if halvings > 20 { break }
            }
            if halvings > 20 { break }
            beta = candidate
            iterations += 1
        }
        try Interruption.checkpoint()
        let inverse = try invert(current.information, names: input.columnNames)
        let middle = FineGraySandwich.middle(data, current.riskSets)
        let variance = multiply(multiply(inverse, middle, p), inverse, p)
        let counts = input.data.countsByCause
        var warnings: [CoreWarning] = []
        if !converged {
            warnings.append(CoreWarning(code: "not_converged",
                                        message: "did not converge in \(maxIterations) iterations; estimates are from the last one (crr's converged = FALSE)"))
        }
        if p > counts[1] {
            warnings.append(CoreWarning(code: "few_events", message: "\(p) covariate columns but only \(counts[1]) events"))
        }
        let coefficients = (0..<p).map { j -> FineGrayCoefficient in
            let b = beta[j], se = variance[j * p + j].squareRoot()
            let zValue = b / se
            return FineGrayCoefficient(name: input.columnNames[j], coef: b, se: se, z: zValue,
                                       p: 2 * Normal.sf(abs(zValue)), hr: exp(b),
                                       hrLower: exp(b - z * se), hrUpper: exp(b + z * se))
        }
        let rowsOf: ([Double]) -> [[Double]] = { m in (0..<p).map { Array(m[($0 * p)..<($0 * p + p)]) } }
        return FineGrayFit(
            n: data.rows, events: counts[1], competingEvents: counts.dropFirst(2).reduce(0, +), censored: counts[0],
            eventCode: input.data.causeCodes[0], censoringGroups: data.weights.groups, level: level,
            coefficients: coefficients, variance: rowsOf(variance), inverseInformation: rowsOf(inverse),
            loglik: -current.value, loglikNull: -null,
            pseudoLikelihoodRatio: ChiSquareStatistic(chisq: 2 * (null - current.value), df: Double(p)),
            iterations: iterations, converged: converged, warnings: warnings)
    }

    /// Factors the information matrix, or names the columns it cannot separate.
    private static func factor(_ information: [Double], names: [String]) throws -> EquilibratedCholesky {
        let p = names.count
        let factor = EquilibratedCholesky(symmetric: information, size: p)
        guard factor.rank == p, information.allSatisfy(\.isFinite) else {
            let redundant = (0..<p).filter { factor.isSingular($0) }.map { names[$0] }
            throw CoreError("the Fine–Gray model cannot estimate \(redundant.isEmpty ? "its coefficients" : redundant.joined(separator: ", ")): the information matrix is singular",
                            hint: "a column is constant, or a combination of other columns, among the rows at risk at the event times; drop it")
        }
        return factor
    }

    private static func invert(_ information: [Double], names: [String]) throws -> [Double] {
        let p = names.count
        let factor = try factor(information, names: names)
        var inverse = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            var unit = [Double](repeating: 0, count: p)
            unit[j] = 1
            let column = factor.solve(unit)
            for i in 0..<p { inverse[i * p + j] = column[i] }
        }
        return inverse
    }

    private static func multiply(_ a: [Double], _ b: [Double], _ p: Int) -> [Double] {
        var c = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for k in 0..<p where a[i * p + k] != 0 { for j in 0..<p { c[i * p + j] += a[i * p + k] * b[k * p + j] } } }
        return c
    }
}
