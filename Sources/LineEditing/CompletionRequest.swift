/// The word the user asked to complete with Tab, and where it sits in the line.
public struct CompletionRequest: Sendable, Equatable {
    /// The whole line being edited (text after the cursor included).
    public var line: String
    /// Offset of the word's first character in `line`, counted in `Character`s.
    public var wordStart: Int
    /// The text from `wordStart` up to the cursor: what candidates replace.
    public var word: String
    /// True when the word is inside an unterminated double-quoted string,
    /// e.g. the path in `load "data/fi`; the completer typically offers file
    /// paths there.
    public var isInsideString: Bool

    public init(line: String, wordStart: Int, word: String, isInsideString: Bool = false) {
        self.line = line
        self.wordStart = wordStart
        self.word = word
        self.isInsideString = isInsideString
    }
}

extension CompletionRequest {
    /// Characters that end a word outside strings. `/`, `.`, `-`, `_` and `~`
    /// are deliberately absent so that `data/fi`, `file.csv` and `~/x` are single
    /// words; `"` is a break so that a quote starts a new word.
    static let wordBreakCharacters: Set<Character> = [
        " ", "\t", "\"", "'", "(", ")", "[", "]", "{", "}", ",", ";", "=", "<", ">",
        "!", "+", "*", "|", "&", "^",
    ]

    /// Splits `line` at `cursor` (an offset in `Character`s) into the word to
    /// complete. Inside a double-quoted string the word is everything after the
    /// opening quote (spaces included), so paths with spaces complete too.
    public static func at(line: String, cursor: Int) -> CompletionRequest {
        let characters = Array(line)
        let end = min(max(cursor, 0), characters.count)
        var insideString = false
        var stringStart = 0
        // A backquoted name (`Group Name`) is one word, spaces included, and the word keeps its opening
        // backquote so that candidates written in backquotes match it.
        var insideBackquotes = false
        var backquoteStart = 0
        var index = 0
        while index < end {
            let character = characters[index]
            if insideString && character == "\\" {
                index += 2
                continue
            }
            if character == "\"" && !insideBackquotes {
                insideString.toggle()
                stringStart = index + 1
            } else if character == "`" && !insideString {
                insideBackquotes.toggle()
                backquoteStart = index
            }
            index += 1
        }
        let start: Int
        if insideString {
            start = min(stringStart, end)
        } else if insideBackquotes {
            start = min(backquoteStart, end)
        } else {
            var scan = end
            while scan > 0 && !wordBreakCharacters.contains(characters[scan - 1]) {
                scan -= 1
            }
            start = scan
        }
        return CompletionRequest(
            line: line,
            wordStart: start,
            word: String(characters[start..<end]),
            isInsideString: insideString)
    }
}
