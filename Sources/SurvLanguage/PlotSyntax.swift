/// `plot km|zph|cox [OPTION ...]` as written: the options in the order typed, each a word with the value
/// it takes. Which options a figure accepts, and what their values mean, is the checker's business.
public struct PlotSyntax: Equatable, Sendable {
    public var figure: Name
    public var options: [PlotOptionSyntax]
    public init(figure: Name, options: [PlotOptionSyntax]) {
        self.figure = figure
        self.options = options
    }
}

public struct PlotOptionSyntax: Equatable, Sendable {
    /// The option's word (`ci`, `xmax`, `to`), lower-cased; `no risktable` is the word `risktable` negated.
    public var word: String
    public var negated: Bool
    public var value: Value?
    /// The whole option, for carets.
    public var range: SourceRange

    public enum Value: Equatable, Sendable {
        case number(Double, SourceRange)
        case string(String, SourceRange)
    }

    public init(word: String, negated: Bool = false, value: Value? = nil, range: SourceRange) {
        self.word = word
        self.negated = negated
        self.value = value
        self.range = range
    }
}

/// The option words of `plot`, with the value each takes: the parser reads by this table, the checker
/// and completion name the options from it.
public enum PlotOptionWords {
    public enum Takes: Equatable, Sendable { case nothing, number, string }
    public static let all: [(word: String, takes: Takes)] = [
        ("ci", .nothing), ("risktable", .nothing), ("censor", .nothing), ("percent", .nothing),
        ("cumhaz", .nothing), ("cuminc", .nothing),
        ("xmax", .number), ("by", .number),
        ("xlab", .string), ("ylab", .string), ("title", .string), ("to", .string),
    ]
    /// Options that can be turned off with `no`: those on by default.
    public static let negatable = ["risktable", "censor"]
    public static var words: [String] { all.map(\.word) }
    static func takes(_ word: String) -> Takes? { all.first { $0.word == word }?.takes }
}
