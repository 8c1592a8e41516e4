/// `help` and `help CMD` as a value: what to say, drawn from the command catalog by the session; how it is
/// laid out (wrapped within the terminal's width, names in a column) is the renderer's.
public struct HelpReport: Codable, Equatable, Sendable {
    /// A name and a one-line description: a command in the overview, a data set under `help load`.
    public struct Entry: Codable, Equatable, Sendable {
        public var name: String
        public var summary: String
        public init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }

    public enum Topic: Codable, Equatable, Sendable {
        /// Every command, a closing line, then notes (paragraphs).
        case overview(heading: String, commands: [Entry], closing: String, notes: [String])
        /// One command: its usage, summary and example, and for `load` the bundled data sets.
        case command(usage: String, summary: String, example: String, datasetsHeading: String?, datasets: [Entry])
    }

    public var topic: Topic
    public init(_ topic: Topic) { self.topic = topic }
}
