/// What pressing Tab does to the line, decided from the completer's candidates
/// (pure, so it is unit-tested without a terminal).
struct CompletionPlan: Equatable, Sendable {
    /// Text that replaces the word before the cursor; nil leaves the line alone.
    var replacement: String?
    /// Candidates to show below the line when the word cannot be extended.
    var listing: [String]

    /// Nothing matched: the editor beeps.
    var isEmpty: Bool { replacement == nil && listing.isEmpty }

    /// - One candidate: it replaces the word and is closed, with a space, or
    ///   with the closing quote inside a string; a directory (ending in `/`)
    ///   stays open so Tab can continue into it. Nothing is added when the
    ///   same character already follows the cursor.
    /// - Several: the word is extended to their longest common prefix; when
    ///   that adds nothing, they are listed instead.
    static func make(for request: CompletionRequest, candidates: [String], textAfterCursor: String) -> CompletionPlan {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        guard let first = unique.first else { return CompletionPlan(replacement: nil, listing: []) }
        if unique.count == 1 {
            var closing = ""
            if !first.hasSuffix("/") {
                closing = request.isInsideString ? "\"" : " "
                if textAfterCursor.hasPrefix(closing) { closing = "" }
            }
            return CompletionPlan(replacement: first + closing, listing: [])
        }
        let prefix = unique.dropFirst().reduce(first) { commonPrefix($0, $1) }
        if prefix.count > request.word.count || (prefix.count == request.word.count && prefix != request.word) {
            return CompletionPlan(replacement: prefix, listing: [])
        }
        return CompletionPlan(replacement: nil, listing: unique)
    }

    private static func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    }
}
