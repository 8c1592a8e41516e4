/// Reads a notebook's structure: front matter, prose, and cells (a ```` ```surv ```` block followed, after
/// nothing but blank lines, by an ```` ```output ```` block). Fences follow CommonMark: three or more
/// backticks or tildes, indented at most three spaces, closed by a fence of the same character at least as
/// long. Other fenced blocks are prose, so a ```` ```surv ```` shown inside a longer fence is not a cell.
///
/// Every structural mistake is reported with its line; parsing goes on after those that leave the rest of
/// the file readable, so one run shows them all.
public enum NotebookParser {
    /// The notebook and the problems found; the notebook is usable only when `problems` is empty.
    public static func parse(_ source: NotebookSource) -> (notebook: Notebook, problems: [NotebookProblem]) {
        let lines = source.lines.map(\.text)
        var problems: [NotebookProblem] = []
        var blocks: [NotebookBlock] = []
        var frontMatter: FrontMatter?
        var frontMatterLines: ClosedRange<Int>?
        var index = 0

        if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
            if let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingCharacters(in: .whitespaces)) }) {
                do {
                    frontMatter = try FrontMatter.parse(Array(lines[1..<close]), firstLine: 2)
                } catch {
                    problems.append(error)
                }
                frontMatterLines = 0...close
                index = close + 1
            } else {
                problems.append(NotebookProblem(line: 1, "the front matter opened here is never closed", hint: "end it with a line '---'"))
                index = lines.count
            }
        }

        var prose: [String] = []
        var proseStart = index
        func flushProse() {
            if !prose.isEmpty { blocks.append(.prose(ProseBlock(line: proseStart + 1, markdown: prose.joined(separator: "\n")))) }
            prose = []
        }

        // Whether the previous line is paragraph text: the one place an HTML block of CommonMark's seventh
        // kind (a lone tag such as `<span hidden>`) cannot start. After a heading, a rule, a fenced block or
        // a cell, it can — and then hides what follows from every viewer.
        var inParagraph = false
        scan: while index < lines.count {
            if let last = HTMLBlock.lastLine(startingAt: index, in: lines, interruptsParagraph: inParagraph) {
                // Raw HTML: prose, whatever it holds (a fence inside it is no cell).
                if prose.isEmpty { proseStart = index }
                prose.append(contentsOf: lines[index...last])
                index = last + 1
                inParagraph = false
                continue
            }
            guard let fence = Fence(opening: lines[index]) else {
                if prose.isEmpty { proseStart = index }
                prose.append(lines[index])
                inParagraph = HTMLBlock.continuesParagraph(lines[index], after: inParagraph)
                index += 1
                continue
            }
            inParagraph = false
            guard let close = fence.closingIndex(in: lines, after: index) else {
                problems.append(NotebookProblem(line: index + 1, "the \(fence.describe) block opened here is never closed",
                                                hint: "close it with a line '\(fence.closing)'"))
                break scan
            }
            switch fence.info {
            case "surv":
                var next = close + 1
                while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty { next += 1 }
                guard next < lines.count, let outputFence = Fence(opening: lines[next]), outputFence.info == "output" else {
                    problems.append(NotebookProblem(line: index + 1, "this surv cell has no output block after it",
                                                    hint: "follow it with an ```output block (an empty one is fine: 'surv replay --update' fills it)"))
                    index = close + 1
                    continue
                }
                guard let outputClose = outputFence.closingIndex(in: lines, after: next) else {
                    problems.append(NotebookProblem(line: next + 1, "the \(outputFence.describe) block opened here is never closed",
                                                    hint: "close it with a line '\(outputFence.closing)'"))
                    break scan
                }
                flushProse()
                let commands = (index + 1..<close).map { CellCommand(line: $0 + 1, text: lines[$0]) }
                blocks.append(.cell(NotebookCell(line: index + 1, commands: commands,
                                                 output: lines[(next + 1)..<outputClose].joined(separator: "\n"),
                                                 expectsError: outputFence.attributes.contains(NotebookWriter.errorMark),
                                                 outputFences: next...outputClose)))
                index = outputClose + 1
                proseStart = index
            case "output":
                problems.append(NotebookProblem(line: index + 1, "this output block has no surv cell before it",
                                                hint: "put the commands that print it in a ```surv block just above, or remove it"))
                index = close + 1
            default:
                if prose.isEmpty { proseStart = index }
                prose.append(contentsOf: lines[index...close])
                index = close + 1
            }
        }
        flushProse()
        let notebook = Notebook(source: source, frontMatter: frontMatter, frontMatterLines: frontMatterLines, blocks: blocks)
        return (notebook, problems)
    }
}

/// A CommonMark fence line.
struct Fence {
    var character: Character
    var length: Int
    /// The first word of the info string, lower-cased ("" when there is none).
    var info: String
    /// The info string's other words, lower-cased (`error` in ```` ```output error ````).
    var attributes: [String]

    init?(opening line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        let infoText = rest.dropFirst(run).trimmingCharacters(in: .whitespaces)
        if first == "`", infoText.contains("`") { return nil }
        character = first
        length = run
        let words = infoText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).map { $0.lowercased() }
        info = words.first ?? ""
        attributes = Array(words.dropFirst())
    }

    /// The index of the line that closes this fence, if any.
    func closingIndex(in lines: [String], after opening: Int) -> Int? {
        var index = opening + 1
        while index < lines.count {
            if closes(lines[index]) { return index }
            index += 1
        }
        return nil
    }

    func closes(_ line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    var closing: String { String(repeating: character, count: length) }
    var describe: String { info.isEmpty ? closing : closing + info }
}
