/// `expect QUANTITY = VALUE [± TOLERANCE]`: a published number checked against the one computed now. The
/// quantity names one number unambiguously, in the words of the command that prints it.
public struct ExpectSyntax: Equatable, Sendable {
    public var quantity: ExpectQuantity
    /// The quantity as written (`km at 36 "x=Maintained"`), for the message.
    public var text: String
    public var expected: Double
    /// The expected value as written (`0.049`): without a tolerance, half a unit of its last digit is allowed.
    public var expectedText: String
    public var tolerance: Double?
    public var range: SourceRange

    public init(quantity: ExpectQuantity, text: String, expected: Double, expectedText: String, tolerance: Double?, range: SourceRange) {
        self.quantity = quantity
        self.text = text
        self.expected = expected
        self.expectedText = expectedText
        self.tolerance = tolerance
        self.range = range
    }
}

/// A number a command computes, named as `expect` takes it. A stratum is its label (`"x=Maintained"`) or,
/// with one stratification column, the level alone (`"Maintained"`); nil with no strata.
public enum ExpectQuantity: Equatable, Sendable {
    public enum Limit: String, Equatable, Sendable { case estimate, lower, upper }

    case survival(at: Double, stratum: String?, Limit)
    case median(stratum: String?, Limit)
    case followupMedian(stratum: String?, Limit)
    case restrictedMean(tau: Double, stratum: String?)
    case logrankP, logrankChisq, logrankTrendP
    case coxHazardRatio(term: String, Limit)
    case coxP(term: String)
    case coxCoefficient(term: String)
    case rows(stratum: String?)
    case events(stratum: String?)
    case fisherP(String, by: String)
    case chisqP(String, by: String)

    /// Whether the quantity reads the current endpoint (and strata); the rest need a model or columns.
    var needsEndpoint: Bool {
        switch self {
        case .survival, .median, .followupMedian, .restrictedMean, .logrankP, .logrankChisq, .logrankTrendP, .rows, .events: return true
        case .coxHazardRatio, .coxP, .coxCoefficient, .fisherP, .chisqP: return false
        }
    }
}
