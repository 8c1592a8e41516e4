import Foundation

/// The examples of docs/language.md, read from its fenced blocks, and the rules they run by.
///
/// Every fenced block in the file is an example, and its info string says what kind:
/// - ```` ```surv ````: commands, one per line, each of which must succeed;
/// - ```` ```surv-output ````: a command, then lines of what it prints — an excerpt: each shown line must
///   appear in the output, in order (a block may leave out headers and footers, never change a number);
/// - ```` ```surv-error ````: the same for a command shown failing on purpose: it must fail, and the
///   shown lines must appear in its error message.
/// Any other info string, or none, is a mistake the test reports, so no example goes unchecked.
///
/// The data an example runs on: each block starts in a fresh session on `lung` with its endpoint
/// declared (`load lung; endpoint time, status`). A command line may end with a comment that names other
/// data, `# on NAME` or `# on NAME, stratified by COLUMN[, COLUMN]`: that data set is loaded, its endpoint
/// declared (and the strata set) just before the line, and the rest of the block goes on with it. The
/// comment is what a reader needs too, since the printed numbers depend on it. Text after the name that
/// does not begin `, stratified by` is an explanation for the reader.
struct DocumentationExample {
    enum Kind: String { case commands = "surv", output = "surv-output", error = "surv-error" }

    var kind: Kind
    /// The line of docs/language.md the block's first line is on, for messages.
    var line: Int
    /// The commands to run (for `surv-output` and `surv-error`, the one command).
    var commands: [String]
    /// For `surv-output` and `surv-error`: the lines shown as printed.
    var shown: [String]

    /// The endpoint each bundled data set is analysed with when an example names it.
    static let endpoints = ["aml": "time, status", "lung": "time, status", "veteran": "time, status",
                            "pbc": "time, dead", "colon": "time, status", "ovarian": "futime, fustat",
                            "mgus2": "etime, event event 1 competing 2", "melanoma": "time, status event 1 competing 3",
                            "myeloid": "futime, death", "heart": "start, stop, event", "bladder2": "start, stop, event",
                            // graall declares its endpoints on load: naming one selects it.
                            "graall": "os"]

    /// The commands that set up the data a `# on NAME[, stratified by ...]` comment names, or nil when the
    /// line has no such comment. An unknown data set name gives a `load` that fails, so it is reported.
    static func context(of command: String) -> [String]? {
        guard let hash = command.range(of: "# on ", options: .backwards) else { return nil }
        let comment = command[hash.upperBound...]
        // The name is the first word; what follows it may explain the line (`# on pbc: text in quotes`).
        let name = String(comment.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
        guard !name.isEmpty else { return nil }
        var setup = ["load \(name)", "endpoint \(endpoints[name] ?? "time, status")"]
        let rest = comment.dropFirst(name.count)
        if rest.hasPrefix(", stratified by ") {
            setup.append("stratify by " + rest.dropFirst(", stratified by ".count).trimmingCharacters(in: .whitespaces))
        }
        return setup
    }

    static let defaultSetup = ["load lung", "endpoint time, status"]

    /// The blocks of a Markdown text, or a message for each fenced block with an unknown info string.
    static func extract(from markdown: String) -> (examples: [DocumentationExample], problems: [String]) {
        var examples: [DocumentationExample] = [], problems: [String] = []
        var open: (info: String, line: Int, lines: [String])?
        for (index, text) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(text)
            if var block = open {
                if line == "```" {
                    if let kind = Kind(rawValue: block.info) {
                        let lines = block.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                        if kind == .commands {
                            examples.append(DocumentationExample(kind: kind, line: block.line + 1, commands: lines, shown: []))
                        } else if let first = lines.first {
                            examples.append(DocumentationExample(kind: kind, line: block.line + 1, commands: [first], shown: Array(lines.dropFirst())))
                        } else {
                            problems.append("docs/language.md:\(block.line): an empty ```\(block.info) block")
                        }
                    } else {
                        problems.append("docs/language.md:\(block.line): a fenced block with info string '\(block.info)'; examples are ```surv, ```surv-output or ```surv-error")
                    }
                    open = nil
                } else {
                    block.lines.append(line)
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), index + 1, [])
            }
        }
        if let open { problems.append("docs/language.md:\(open.line): a fenced block that is never closed") }
        return (examples, problems)
    }

    /// Whether `shown` appears in `printed` as an excerpt: every shown line is a printed line (trailing
    /// spaces aside), in the same order.
    static func isExcerpt(_ shown: [String], of printed: String) -> Bool {
        var remaining = printed.split(separator: "\n", omittingEmptySubsequences: false).map { trimmedEnd($0) }[...]
        for line in shown.map({ trimmedEnd($0) }) {
            guard let found = remaining.firstIndex(of: line) else { return false }
            remaining = remaining[(found + 1)...]
        }
        return true
    }

    private static func trimmedEnd(_ text: some StringProtocol) -> String {
        String(text.reversed().drop { $0 == " " }.reversed())
    }
}
