import Foundation
import SurvNotebook
import SurvSession

/// The whole interpreter: each input gets a fresh session (so a crash reproduces from its input alone)
/// that has run the REPL's usual opening line, then runs the payload line by line and renders every
/// outcome as text and JSON. `load` and `save` are confined to a private temporary folder. Each JSON
/// outcome must be one line holding one valid JSON object, as `--json` promises (docs/json.md).
enum SessionTarget {
    static let openingLine = "load aml; endpoint time, status; stratify by x"
    /// `SURV_FUZZ_ECHO=1` prints every outcome, to see what a saved input does.
    static let echo = ProcessInfo.processInfo.environment["SURV_FUZZ_ECHO"] == "1"

    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: payload, as: UTF8.self)
        let session = Session(baseDirectory: FuzzSandbox.folder, fileAccess: .confined(to: FuzzSandbox.folder))
        let opening = session.runAndRender(line: openingLine)
        precondition(!opening.contains { $0.failed }, "the opening line failed: \(opening.map(\.text))")
        // The REPL reads one line at a time, so a line never contains a line break.
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for outcome in session.runAndRender(line: String(line), lineNumber: offset + 2) {
                if echo { print("> \(outcome.source)\n\(outcome.text)\n\(outcome.json)") }
                checkJSONLine(outcome.json)
            }
        }
        FuzzSandbox.empty()
    }

    static func checkJSONLine(_ json: String) {
        precondition(!json.utf8.contains(10) && !json.utf8.contains(13), "a JSON outcome spans several lines: \(json)")
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        precondition(object is [String: Any], "a JSON outcome is not one valid JSON object: \(json)")
    }
}
