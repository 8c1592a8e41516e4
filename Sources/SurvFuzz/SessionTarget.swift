import Foundation
import SurvSession

/// The whole interpreter: each input gets a fresh session (so a crash reproduces from its input alone)
/// that has run the REPL's usual opening line, then runs the payload line by line and renders every
/// outcome as text and JSON. `load` and `save` are confined to a private temporary folder.
enum SessionTarget {
    static let openingLine = "load aml; endpoint time, status; stratify by x"

    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: payload, as: UTF8.self)
        let session = Session(baseDirectory: FuzzSandbox.folder, fileAccess: .confined(to: FuzzSandbox.folder))
        let opening = session.runAndRender(line: openingLine)
        precondition(!opening.contains { $0.failed }, "the opening line failed: \(opening.map(\.text))")
        // The REPL reads one line at a time, so a line never contains a line break.
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for outcome in session.runAndRender(line: String(line), lineNumber: offset + 2) {
                _ = outcome.text.utf8.count + outcome.json.utf8.count
            }
        }
        FuzzSandbox.empty()
    }
}
