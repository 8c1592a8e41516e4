/// `expect`: a published value beside the one computed now, and whether they agree within the tolerance.
/// A check that does not hold is a failure of its command (a notebook replaying it fails, `surv run` exits
/// 1), printed like a result so the two numbers are there to read.
public struct ExpectReport: Codable, Equatable, Sendable {
    /// The quantity as written (`km at 36 "x=Maintained"`).
    public var quantity: String
    public var expected: Double
    /// As written, so the message shows the published number as it was published.
    public var expectedText: String
    public var tolerance: Double
    /// Whether the tolerance was written, or is half a unit of the published value's last digit.
    public var toleranceGiven: Bool
    public var actual: Double
    public var passed: Bool

    public init(quantity: String, expected: Double, expectedText: String, tolerance: Double, toleranceGiven: Bool, actual: Double) {
        self.quantity = quantity
        self.expected = expected
        self.expectedText = expectedText
        self.tolerance = tolerance
        self.toleranceGiven = toleranceGiven
        self.actual = actual
        // A tolerance that is itself the rounding of the published value is met by a value that rounds to it:
        // the comparison allows for the representation error of both.
        passed = actual.isFinite && abs(actual - expected) <= tolerance * (1 + 1e-9) + 1e-12
    }
}

extension Report {
    /// A result that is a failure of its command: a check that did not hold.
    public var isFailedCheck: Bool {
        if case .expect(let r) = self { return !r.passed }
        return false
    }
}
