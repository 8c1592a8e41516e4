/// One user-facing error: what went wrong, where, and how to fix it.
/// A command that produces a diagnostic runs nothing and leaves the session untouched.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange?
    public var hint: String?

    public init(_ message: String, at range: SourceRange? = nil, hint: String? = nil) {
        self.message = message
        self.range = range
        self.hint = hint
    }

    public var description: String { message }

    /// The diagnostic as a compiler prints it: `FILE:LINE:COL: error: message`, the source line, a caret
    /// under the offending span, then the hint.
    public func formatted(source: String, file: String? = nil, line: Int? = nil) -> String {
        let lineNumber = line ?? range?.line ?? 1
        let column = (range?.start ?? 0) + 1
        var prefix = ""
        if let file { prefix = "\(file):\(lineNumber):\(column): " }
        var out = "\(prefix)error: \(message)"
        if let range {
            let shown = Self.printable(source)
            out += "\n  " + shown
            let width = max(1, min(range.end, shown.count) - range.start)
            out += "\n  " + String(repeating: " ", count: min(range.start, shown.count)) + String(repeating: "^", count: width)
        }
        if let hint { out += "\n  hint: \(hint)" }
        return out
    }

    /// Control characters would garble a terminal; show them as `?` so the caret still lines up.
    static func printable(_ text: String) -> String {
        let limit = 200
        let cleaned = String(text.map { ($0.isASCII && ($0.asciiValue ?? 32) < 32) || $0 == "\u{7f}" ? "?" : $0 })
        return cleaned.count > limit ? String(cleaned.prefix(limit)) + "…" : cleaned
    }
}

/// Closest candidates to a misspelt name, for "did you mean" hints (Levenshtein distance, case-insensitive).
public enum Suggestions {
    public static func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(word.lowercased())
        guard !target.isEmpty, target.count <= 64 else { return [] }
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let c = Array(candidate.lowercased())
            guard c.count <= 64 else { return nil }
            let d = distance(target, c)
            let allowed = max(1, min(target.count, c.count) / 3 + 1)
            return d <= allowed ? (candidate, d) : nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// `written` spells a candidate as the user must type it (a column name that is not a plain word in backquotes).
    public static func hint(for word: String, in candidates: [String], written: (String) -> String = { $0 }) -> String? {
        let found = closest(to: word, in: candidates)
        guard !found.isEmpty else { return nil }
        return "did you mean " + found.map { "'\(written($0))'" }.joined(separator: " or ") + "?"
    }

    /// `label: a, b, c, …` (at most `limit` items), or nil when there is nothing to list: a hint never ends
    /// in an empty list.
    public static func listing(_ label: String, _ items: [String], limit: Int = 12) -> String? {
        guard !items.isEmpty else { return nil }
        let shown = items.prefix(limit).joined(separator: ", ")
        return "\(label): " + shown + (items.count > limit ? ", …" : "")
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
