/// How many observations fall in one level of a categorical variable.
public struct CategoryCount: Codable, Equatable, Sendable {
    public var level: String
    public var count: Int
    /// 100 × count / (number of non-missing observations); nil when there are none.
    public var percent: Double?

    public init(level: String, count: Int, percent: Double?) {
        self.level = level
        self.count = count
        self.percent = percent
    }
}
