import Foundation
import SurvLanguage

/// What files a session may touch. A notebook may come from anyone, like a web page, so a session that
/// replays one reads only inside the notebook's folder and writes nothing at all: the only file a replay
/// ever writes is the notebook itself, under `surv replay --update`, and that is done outside the session.
public enum FileAccessPolicy: Equatable, Sendable {
    case unrestricted
    /// Replaying a notebook: reads only regular files inside this folder (after resolving `..` and every
    /// symbolic link, so a linked sub-folder cannot lead out of it); writes nothing.
    case confined(to: URL)

    /// Whether commands that write files (`save`, `recover`, `export`) may run.
    public var allowsWriting: Bool { self == .unrestricted }

    /// The file a path typed by the user names, for reading: it must exist, be a regular file (a FIFO
    /// would block the read forever, a device or folder is not data) and, when confined, lie inside the folder.
    public func resolveForReading(_ path: String, relativeTo base: URL) throws(Diagnostic) -> URL {
        let typed = expand(path, relativeTo: base)
        guard let real = FilePath.realPath(typed.path) else {
            let reason = FilePath.lastErrorReason()
            if FilePath.isSymbolicLink(typed.path) {
                throw Diagnostic("'\(path)' is a symbolic link to a file that does not exist", hint: "check the link's target")
            }
            throw Diagnostic("cannot read '\(path)': \(reason)", hint: "check the path")
        }
        if case .confined(let folder) = self {
            guard FilePath.isInside(real, folder: FilePath.realPath(folder.path) ?? folder.standardizedFileURL.path) else {
                throw Diagnostic("'\(path)' is outside the notebook's folder; a notebook may only read files inside it",
                                 hint: "copy the file next to the notebook")
            }
        }
        try FilePath.requireRegularFile(real, named: path)
        return URL(fileURLWithPath: real)
    }

    /// Where a file the user asked to write goes. The folder must exist; the file itself, if it exists,
    /// must be a regular file and not a symbolic link (a write never follows a link: the link could point
    /// anywhere, and replacing it would silently turn it into a file). A replayed notebook writes nothing.
    public func resolveForWriting(_ path: String, relativeTo base: URL) throws(Diagnostic) -> URL {
        guard allowsWriting else {
            throw Diagnostic("a notebook being replayed cannot write files", hint: "run the command at the prompt instead")
        }
        let typed = expand(path, relativeTo: base)
        let name = typed.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw Diagnostic("'\(path)' names a folder, not a file", hint: "give a file name such as \"analysis.surv.md\"")
        }
        guard let folder = FilePath.realPath(typed.deletingLastPathComponent().path), FilePath.isDirectory(folder) else {
            throw Diagnostic("cannot write '\(path)': its folder does not exist", hint: "create the folder first")
        }
        let target = (folder == "/" ? "" : folder) + "/" + name
        if FilePath.isSymbolicLink(target) {
            throw Diagnostic("'\(path)' is a symbolic link; surv does not write through links", hint: "write to the link's target, or remove the link")
        }
        if FilePath.exists(target) { try FilePath.requireRegularFile(target, named: path) }
        return URL(fileURLWithPath: target)
    }

    private func expand(_ path: String, relativeTo base: URL) -> URL {
        if path.hasPrefix("~/") && self == .unrestricted {
            return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(String(path.dropFirst(2)))
        }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}

/// File-system questions asked with POSIX calls, which (unlike Foundation's URL methods) say exactly
/// whether a link is followed: `realpath` resolves every link and fails on a missing or dangling target.
public enum FilePath {
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func isInside(_ path: String, folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    public static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Refuses anything but a regular file: reading a FIFO blocks until someone writes to it, a device
    /// can be endless, and a folder is not data.
    public static func requireRegularFile(_ path: String, named typed: String) throws(Diagnostic) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Diagnostic("cannot read '\(typed)': \(lastErrorReason())", hint: "check the path")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw Diagnostic("'\(typed)' is a folder, not a file", hint: "give the path of a file inside it")
        case S_IFIFO: throw Diagnostic("'\(typed)' is a pipe (FIFO), not a file; surv reads only regular files", hint: "save the data to a file first")
        default: throw Diagnostic("'\(typed)' is a device or other special file, not a regular file", hint: "give the path of a regular file")
        }
    }

    static func lastErrorReason() -> String {
        errno == ENOENT ? "no such file or folder" : String(cString: strerror(errno))
    }
}
