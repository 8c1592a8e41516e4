#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads standard input line by line with no prompt, no editing and no history,
/// so that `surv < script.surv` and pipes behave like a batch run.
///
/// Lines end at LF (a CR before it is dropped). A line is held whole before it is
/// run, so its length is bounded: a longer one (`surv < /dev/zero`, a file with
/// no line breaks) is read through and skipped, and reported as `.tooLong`.
public final class PlainLineReader: LineReader {
    /// 1 MiB: no command line comes near it.
    public static let maximumLineBytes = 1 << 20

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    public init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    /// Ignores `prompt`: a script's output must not be interleaved with prompts.
    public func readLine(prompt: String) -> LineEditorInput {
        var skipped = 0
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                let length = newline - start
                start = newline + 1
                if skipped > 0 || length > Self.maximumLineBytes { return .tooLong(bytes: skipped + length) }
                return .line(line)
            }
            if atEnd {
                guard start < buffer.count || skipped > 0 else { return .endOfFile }
                let line = buffer[start...]
                start = buffer.count
                if skipped > 0 || line.count > Self.maximumLineBytes { return .tooLong(bytes: skipped + line.count) }
                return .line(String(decoding: line, as: UTF8.self))
            }
            // Keep the unread part; once it passes the limit without a line break, drop it and keep
            // reading to the end of the line.
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            if buffer.count > Self.maximumLineBytes {
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            switch fill() {
            case .data: continue
            case .end: atEnd = true
            case .interrupted: return .interrupted
            }
        }
    }

    private enum Fill { case data, end, interrupted }

    private func fill() -> Fill {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return .data
            }
            if count == 0 { return .end }
            if errno == EINTR {
                if Interrupts.requested { return .interrupted }
                continue
            }
            return .end
        }
    }

    /// Lines from a script are not user history.
    public func remember(_ line: String) {}
}
