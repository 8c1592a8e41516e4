import SurvLanguage

/// Lexer, parser and checker, as the REPL runs them on one line, against the schema of a session that
/// has loaded `aml` and declared an endpoint. Diagnostics are the expected outcome of most inputs.
enum LanguageFrontEndTarget {
    /// The checker's view of `load aml; endpoint time, status; stratify by x`, spelled out so this
    /// target depends on the language module alone.
    static let context = CheckContext(
        columns: [(name: "time", type: .number), (name: "status", type: .number), (name: "x", type: .text)],
        datasetLoaded: true,
        bundledDatasets: ["aml", "lung", "veteran", "pbc", "colon", "ovarian"],
        endpointNames: ["time, status"],
        hasCurrentEndpoint: true,
        hasCoxModel: false)

    static func run(_ payload: UnsafeBufferPointer<UInt8>) {
        // The REPL hands over lines decoded this way, so malformed UTF-8 arrives as U+FFFD.
        let line = String(decoding: payload, as: UTF8.self)
        let commands: [ParsedCommand]
        do {
            commands = try Parser.parseLine(line)
        } catch {
            _ = error.description
            return
        }
        let checker = Checker(context: context)
        for parsed in commands {
            do {
                _ = try checker.check(parsed.command)
            } catch {
                _ = error.description
            }
        }
    }
}
