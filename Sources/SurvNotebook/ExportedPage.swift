import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the page `surv export` made, refusing the mistakes that would destroy something: writing over
/// the notebook being exported (by the same path, another path to it, or a hard link), and writing
/// through a symbolic link, which could point anywhere. The page replaces the output whole (a temporary
/// file in the same folder, synced, then renamed), and is never executable, whatever it replaces.
public enum ExportedPage {
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ page: Data, to output: URL, exporting notebook: URL) throws(Refusal) {
        var existing = stat()
        if lstat(output.path, &existing) == 0 {
            let kind = existing.st_mode & S_IFMT
            if kind == S_IFLNK {
                throw Refusal(description: "it is a symbolic link; export writes only to a plain file or a new name")
            }
            if kind != S_IFREG {
                throw Refusal(description: kind == S_IFDIR ? "it is a folder" : "it is not a plain file")
            }
            var source = stat()
            if stat(notebook.path, &source) == 0, source.st_dev == existing.st_dev, source.st_ino == existing.st_ino {
                throw Refusal(description: "it is the notebook being exported; name another file for the page")
            }
        }
        // The output does not exist, or is a plain file that is not the notebook: replacing it is what was asked.
        try replace(output, with: page, keeping: existing.st_mode)
    }

    /// Writes a new file next to `output` and renames it over `output`. `mode` is the replaced file's mode
    /// (0 when there is none): its read and write permissions carry over, its execute and special bits do not.
    private static func replace(_ output: URL, with page: Data, keeping mode: mode_t) throws(Refusal) {
        let folder = output.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(errno) }
        var failed = writeAll(page, to: descriptor)
        if failed == 0, mode != 0, fchmod(descriptor, mode & 0o666) != 0 { failed = errno }
        if failed == 0, fsync(descriptor) != 0 { failed = errno }
        if close(descriptor) != 0, failed == 0 { failed = errno }
        if failed == 0, rename(temporary, output.path) != 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw failure(failed)
        }
    }

    private static func failure(_ code: Int32) -> Refusal {
        Refusal(description: String(cString: strerror(code)))
    }
}

/// Writes all of `data` to `descriptor`; returns 0, or the error number that stopped it.
private func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
    data.withUnsafeBytes { bytes -> Int32 in
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        // Each pass writes at least one byte, is interrupted by a signal, or stops.
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return written < 0 ? errno : EIO
            }
        }
        return 0
    }
}
