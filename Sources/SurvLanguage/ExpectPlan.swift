/// A checked `expect`: the quantity, the published value and the tolerance in force.
public struct ExpectPlan: Equatable, Sendable {
    public var quantity: ExpectQuantity
    public var text: String
    public var expected: Double
    public var expectedText: String
    public var tolerance: Double
    /// Whether the tolerance was written (else it is half a unit of the published value's last digit).
    public var toleranceGiven: Bool

    public init(_ syntax: ExpectSyntax) {
        quantity = syntax.quantity
        text = syntax.text
        expected = syntax.expected
        expectedText = syntax.expectedText
        tolerance = syntax.tolerance ?? Self.halfUnit(of: syntax.expectedText)
        toleranceGiven = syntax.tolerance != nil
    }

    /// A value printed as 0.049 stands for anything that rounds to it: ± 0.0005.
    static func halfUnit(of text: String) -> Double {
        let mantissa = text.lowercased().split(separator: "e").first.map(String.init) ?? text
        let exponent = text.lowercased().split(separator: "e").dropFirst().first.flatMap { Int($0) } ?? 0
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        var unit = 0.5
        for _ in 0..<min(decimals, 300) { unit /= 10 }
        if exponent > 0 { for _ in 0..<min(exponent, 300) { unit *= 10 } }
        if exponent < 0 { for _ in 0..<min(-exponent, 300) { unit /= 10 } }
        return unit
    }
}
