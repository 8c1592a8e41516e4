import Foundation

/// Writes a file so that a reader (or a crash) sees either the old contents or the new, never a mix:
/// the bytes go to a temporary file in the same folder, are synced, then renamed over the target.
///
/// A written file is data, never a program: it gets the replaced file's read and write permissions but
/// never an execute, set-user or sticky bit, and a new file gets the usual 0666 less the umask. The writer
/// never follows a symbolic link (the link could point anywhere), refuses to replace a file the user cannot
/// write (a read-only notebook stays read-only), and clears temporary files that a killed surv left behind.
public enum AtomicFile {
    public enum Failure: Error, Equatable {
        case symbolicLink
        case folder
        case notRegularFile
        case readOnly
        case noFolder
        case system(Int32)

        public var reason: String {
            switch self {
            case .symbolicLink: return "it is a symbolic link; surv does not write through links"
            case .folder: return "it is a folder"
            case .notRegularFile: return "it is not a regular file"
            case .readOnly: return "the file is read-only"
            case .noFolder: return "its folder does not exist"
            case .system(let code): return String(cString: strerror(code))
            }
        }
    }

    public static func write(_ data: Data, to url: URL) throws(Failure) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard FilePath.isDirectory(folder) else { throw .noFolder }

        var mode: mode_t = 0o666
        var existing = stat()
        if lstat(path, &existing) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFLNK: throw .symbolicLink
            case S_IFREG: break
            case S_IFDIR: throw .folder
            default: throw .notRegularFile
            }
            // The permission bits, not only access(2): root may write anything, but a file nobody may
            // write was made read-only on purpose.
            guard existing.st_mode & 0o222 != 0, access(path, W_OK) == 0 else { throw .readOnly }
            mode = existing.st_mode & 0o666
        }

        removeAbandonedTemporaries(of: name, in: folder)
        let temporary = folder + "/" + temporaryName(of: name, pid: getpid())
        // O_EXCL with O_NOFOLLOW: a link planted at the temporary name is never followed.
        let descriptor = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .system(errno) }
        var failure: Int32 = 0
        if existing.st_mode & S_IFMT == S_IFREG, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == 0 { failure = data.withUnsafeBytes { FilePath.writeAll($0, to: descriptor) } ?? 0 }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw .system(failure)
        }
        syncFolder(folder)
    }

    public static func temporaryName(of name: String, pid: pid_t) -> String { ".\(name).\(pid).tmp" }

    /// A surv killed while saving leaves `.NAME.PID.tmp`, possibly large. When the process that wrote it
    /// is gone, nobody will ever rename it, so the next write of the same file removes it.
    private static func removeAbandonedTemporaries(of name: String, in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let prefix = "." + name + "."
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(4)
            guard let pid = pid_t(middle), pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + entry
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    /// Makes the rename itself durable; a failure here leaves a correct file, so it is not reported.
    private static func syncFolder(_ folder: String) {
        let descriptor = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
