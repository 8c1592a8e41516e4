/// A targets table that cannot be read, or a target that cannot be computed on the data.
public struct TargetsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
