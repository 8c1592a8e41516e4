/// A line-by-line unified diff (as `diff -u` prints it) of an expected and an actual output.
///
/// Outputs are short, so the longest common subsequence is found by dynamic programming after trimming
/// the common head and tail. A hostile output large enough to make that table expensive is shown as one
/// hunk replacing everything, which is still correct, only less precise.
public enum UnifiedDiff {
    /// Lines of context around each change, as `diff -u`.
    static let context = 3
    /// Above this many table cells the diff falls back to one whole-block hunk.
    static let tableLimit = 4_000_000

    public enum Line: Equatable, Sendable {
        case same(String), removed(String), added(String)
    }

    /// The diff as text. `expectedStart` numbers the expected side's lines (the output block's first line
    /// in the notebook), so hunk headers point into the file; the actual side is numbered alike.
    public static func render(expected: String, actual: String, expectedLabel: String, actualLabel: String, expectedStart: Int = 1) -> String {
        let script = edits(lines(expected), lines(actual))
        var out = ["--- \(expectedLabel)", "+++ \(actualLabel)"]
        for hunk in hunks(script) {
            var oldLine = expectedStart, newLine = expectedStart
            for line in script[..<hunk.lowerBound] {
                switch line {
                case .same: oldLine += 1; newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
            }
            let body = script[hunk]
            let oldCount = body.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = body.filter { if case .removed = $0 { return false } else { return true } }.count
            out.append("@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@")
            for line in body {
                switch line {
                case .same(let text): out.append(" " + text)
                case .removed(let text): out.append("-" + text)
                case .added(let text): out.append("+" + text)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// An empty output block has no lines at all (not one empty line).
    private static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(count == 0 ? start - 1 : start),\(count)"
    }

    /// The edit script turning `a` into `b`.
    public static func edits(_ a: [String], _ b: [String]) -> [Line] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let midA = Array(a[head..<(a.count - tail)]), midB = Array(b[head..<(b.count - tail)])
        var script = a[..<head].map(Line.same)
        if midA.count * midB.count > tableLimit {
            script += midA.map(Line.removed) + midB.map(Line.added)
        } else {
            script += middle(midA, midB)
        }
        script += a[(a.count - tail)...].map(Line.same)
        return script
    }

    /// LCS table from the end, then a walk from the start: removals before additions within a change.
    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        let width = b.count + 1
        var table = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] = a[i] == b[j] ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var script: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append(.same(a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || table[(i + 1) * width + j] >= table[i * width + j + 1] {
                script.append(.removed(a[i])); i += 1
            } else {
                script.append(.added(b[j])); j += 1
            }
        }
        return script
    }

    /// Index ranges of the script to print: each change with `context` lines around it, close ones merged.
    private static func hunks(_ script: [Line]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, line) in script.enumerated() {
            if case .same = line { continue }
            let range = max(0, index - context)..<min(script.count, index + context + 1)
            if let last = ranges.last, last.upperBound >= range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }
}
