#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why a history entry could not be saved.
struct HistoryFileError: Error, Equatable, Sendable {
    var path: String
    var reason: String
}

/// The persistent history: a plain UTF-8 text file, one entry per line, oldest
/// first. (Not libedit's H_SAVE format, which rewrites the whole file and
/// encodes entries with strvis; appending one line per command means a killed
/// process loses nothing and the file stays readable.)
struct HistoryFile: Sendable {
    let path: String
    /// How many entries are kept when loading.
    let capacity: Int

    /// The last `capacity` entries. A missing or unreadable file is an empty
    /// history. When the file has grown past twice the capacity it is rewritten
    /// with only the kept entries, so it never grows without bound.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let all = String(decoding: data, as: UTF8.self)
            // Split on any line break: in Swift "\r\n" is one Character, so
            // splitting on "\n" alone would miss files written on Windows.
            .split(whereSeparator: \.isNewline)
            .map(String.init)
            .filter { !$0.allSatisfy(\.isWhitespace) }
        let kept = Array(all.suffix(max(capacity, 0)))
        if all.count > 2 * max(capacity, 1) {
            compact(to: kept)
        }
        return kept
    }

    /// Appends one entry with a single write(2) on an O_APPEND descriptor, so
    /// concurrent sessions interleave whole lines and the entry is in the file
    /// as soon as this returns.
    func append(_ entry: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw error("cannot open for appending") }
        defer { close(descriptor) }
        let bytes = Array((Self.singleLine(entry) + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw error("cannot write")
            }
            written += result
        }
    }

    /// Entries are lines, so embedded line breaks become spaces.
    static func singleLine(_ entry: String) -> String {
        String(entry.map { $0.isNewline ? " " : $0 })
    }

    private func compact(to entries: [String]) {
        let text = entries.map { $0 + "\n" }.joined()
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(
            atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(temporary, path) != 0 {
            unlink(temporary)
        }
    }

    private func error(_ what: String) -> HistoryFileError {
        HistoryFileError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
