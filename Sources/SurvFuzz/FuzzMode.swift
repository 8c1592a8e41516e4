#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one fuzz input exercises, chosen by its first byte modulo 4. Seed files start with the ASCII
/// digit of their mode (`0`, `1`, `2`, `3`) so they stay readable.
enum FuzzMode: Int, CaseIterable, Sendable {
    /// Lexer, parser and checker on one REPL line (payload decoded as UTF-8, invalid bytes as U+FFFD).
    case language = 0
    /// A whole session after `load aml; endpoint time, status; stratify by x`; the payload is split
    /// into REPL lines and each is run and rendered.
    case session = 1
    /// The CSV/TSV reader on the raw payload bytes.
    case delimitedText = 2
    /// The Stata, SPSS and SAS reader on a file's bytes, the format chosen by the payload's first byte.
    case statFile = 3

    init(selector: UInt8) {
        self = FuzzMode(rawValue: Int(selector) % FuzzMode.allCases.count) ?? .language
    }

    /// The mode named by the environment variable `SURV_FUZZ_MODE` (`language`, `session`, `csv`, `stat`,
    /// or the digit), or nil to accept every mode.
    static let pinned: FuzzMode? = {
        guard let raw = getenv("SURV_FUZZ_MODE") else { return nil }
        switch String(cString: raw) {
        case "0", "language": return .language
        case "1", "session": return .session
        case "2", "csv": return .delimitedText
        case "3", "stat": return .statFile
        default: return nil
        }
    }()
}
