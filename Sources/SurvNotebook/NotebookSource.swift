import Foundation
import SurvLanguage
import SurvSession

/// One line of a notebook file: its text and the bytes that ended it, so that a rewrite can reproduce
/// every untouched line byte for byte (including CR-LF endings and a missing final newline).
public struct SourceLine: Equatable, Sendable {
    public var text: String
    /// "\n", "\r\n", "\r" or "" (the last line of a file without a final newline).
    public var ending: String
}

/// The text of a notebook file, checked to be text: UTF-8, no NUL bytes.
public struct NotebookSource: Equatable, Sendable {
    public var lines: [SourceLine]
    /// A UTF-8 byte-order mark at the start, kept so a rewrite keeps it too.
    public var hasByteOrderMark: Bool

    /// Decodes a notebook file's bytes, or says which line is not text.
    public init(bytes: [UInt8]) throws(NotebookProblem) {
        var start = 0
        hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasByteOrderMark { start = 3 }
        var lines: [SourceLine] = []
        var lineNumber = 1
        while start < bytes.count {
            // A line ends at LF, CR-LF or a lone CR (old Mac files), as in CommonMark; a file whose lines
            // were not split would otherwise read as one line of prose and "replay" no cells.
            let breakAt = bytes[start...].firstIndex { $0 == 0x0A || $0 == 0x0D }
            let contentEnd = breakAt ?? bytes.count
            var end = contentEnd
            var ending = ""
            if let breakAt {
                if bytes[breakAt] == 0x0A {
                    ending = "\n"
                } else if breakAt + 1 < bytes.count, bytes[breakAt + 1] == 0x0A {
                    ending = "\r\n"
                    end += 1
                } else {
                    ending = "\r"
                }
            }
            let content = bytes[start..<contentEnd]
            if content.contains(0) {
                throw NotebookProblem(line: lineNumber, "this is a binary file, not a notebook (it contains NUL bytes)",
                                      hint: "a notebook is a UTF-8 Markdown text file named *.surv.md")
            }
            guard let text = String(validating: content, as: UTF8.self) else {
                throw NotebookProblem(line: lineNumber, "the file is not valid UTF-8 text",
                                      hint: "save the notebook as UTF-8")
            }
            lines.append(SourceLine(text: text, ending: ending))
            lineNumber += 1
            start = end + 1
        }
        self.lines = lines
    }

    /// Reads and decodes the file at `url`.
    public static func read(_ url: URL) throws(NotebookProblem) -> NotebookSource {
        let bytes: [UInt8]
        do throws(Diagnostic) {
            bytes = try FileAccessPolicy.unrestricted.read(url.path, relativeTo: URL(fileURLWithPath: "/"),
                                                           limit: FileAccessPolicy.maximumNotebookBytes).bytes
        } catch {
            throw NotebookProblem(line: nil, error.message, hint: error.hint)
        }
        return try NotebookSource(bytes: bytes)
    }

    /// The file's text again, exactly as read.
    public var text: String {
        (hasByteOrderMark ? "\u{FEFF}" : "") + lines.map { $0.text + $0.ending }.joined()
    }

    /// A short reason for a file error, without the absolute paths Foundation puts in its messages.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            default: break
            }
        }
        let posix = ns.domain == NSPOSIXErrorDomain ? ns : ns.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        return ns.localizedDescription
    }
}
