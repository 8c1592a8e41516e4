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

    /// The largest data file surv reads (2 GiB, some 25 million rows of a dozen columns): a file is read
    /// whole, and a sparse file of any size costs nothing to send.
    public static let maximumDataFileBytes = 1 << 31
    /// The largest notebook surv reads (64 MiB of Markdown is far beyond any analysis written by hand).
    public static let maximumNotebookBytes = 64 << 20

    /// Reads the whole file a path typed by the user names, checking the file it actually opened — not the
    /// path, which another process could swap for a link or a FIFO between a check and the open. The file
    /// must be a regular file (a FIFO would block the read forever, a device can be endless, a folder is
    /// not data) of at most `limit` bytes, and, when confined, lie inside the folder. A path that leads out
    /// of the folder is refused before anything outside is looked at, so a notebook's recorded output never
    /// says whether a file outside exists.
    public func read(_ path: String, relativeTo base: URL, limit: Int) throws(Diagnostic) -> (bytes: [UInt8], url: URL) {
        let typed = expand(path, relativeTo: base)
        var folderPath: String?
        if case .confined(let folder) = self {
            let realFolder = FilePath.realPath(folder.path) ?? folder.standardizedFileURL.path
            folderPath = realFolder
            guard FilePath.isInside(typed.standardizedFileURL.path, folder: folder.standardizedFileURL.path)
                    || FilePath.isInside(typed.standardizedFileURL.path, folder: realFolder) else { throw outside(path) }
        }
        let descriptor = open(typed.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let reason = FilePath.lastErrorReason()
            // Where the path breaks off through a link that leads out of the folder — a sub-folder link, or a
            // link to a file that does not exist — say only that: the same as for a file outside that exists.
            if let folderPath {
                let target = FilePath.finalTarget(of: typed.path)
                if !FilePath.isInside(FilePath.deepestExistingAncestor(of: target), folder: folderPath) { throw outside(path) }
            }
            if FilePath.isSymbolicLink(typed.path) {
                throw Diagnostic("'\(path)' is a symbolic link to a file that does not exist", hint: "check the link's target")
            }
            throw Diagnostic("cannot read '\(path)': \(reason)", hint: "check the path")
        }
        defer { close(descriptor) }
        let opened = FilePath.path(ofDescriptor: descriptor) ?? FilePath.realPath(typed.path) ?? typed.path
        if let folderPath, !FilePath.isInside(opened, folder: folderPath) { throw outside(path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Diagnostic("cannot read '\(path)': \(FilePath.lastErrorReason())", hint: "check the path")
        }
        try FilePath.requireRegularFile(mode: status.st_mode, named: path)
        let size = Int(status.st_size)
        guard size <= limit else {
            throw Diagnostic("'\(path)' is \(FilePath.megabytes(size)); surv reads files of at most \(FilePath.megabytes(limit))",
                             hint: "split the file, or keep only the columns and rows the analysis needs")
        }
        guard let bytes = FilePath.readAll(descriptor, size: size) else {
            throw Diagnostic("cannot read '\(path)': \(FilePath.lastErrorReason())", hint: "check the file's permissions")
        }
        return (bytes, URL(fileURLWithPath: opened))
    }

    private func outside(_ path: String) -> Diagnostic {
        Diagnostic("'\(path)' is outside the notebook's folder; a notebook may only read files inside it",
                   hint: "copy the file next to the notebook")
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
            // $HOME, as the shell and the journal and history files use it, not the password database's.
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            return home.appendingPathComponent(String(path.dropFirst(2)))
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
        try requireRegularFile(mode: status.st_mode, named: typed)
    }

    static func requireRegularFile(mode: mode_t, named typed: String) throws(Diagnostic) {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw Diagnostic("'\(typed)' is a folder, not a file", hint: "give the path of a file inside it")
        case S_IFIFO: throw Diagnostic("'\(typed)' is a pipe (FIFO), not a file; surv reads only regular files", hint: "save the data to a file first")
        default: throw Diagnostic("'\(typed)' is a device or other special file, not a regular file", hint: "give the path of a regular file")
        }
    }

    /// The path the kernel has for an open file, whatever links led to it (Linux: /proc/self/fd).
    static func path(ofDescriptor descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasPrefix("/") ? path : nil
    }

    /// Where `path` leads when its last component is a chain of symbolic links, followed by reading the
    /// links (at most 40, as the kernel allows), whether or not the final target exists.
    public static func finalTarget(of path: String) -> String {
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<40 {
            guard isSymbolicLink(current), let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            let base = URL(fileURLWithPath: current).deletingLastPathComponent().path
            current = URL(fileURLWithPath: destination.hasPrefix("/") ? destination : base + "/" + destination).standardizedFileURL.path
        }
        return current
    }

    /// The real path of the longest leading part of `path` that exists.
    public static func deepestExistingAncestor(of path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        // Each step drops a component, so this ends at "/" at the latest.
        for _ in 0..<4096 {
            if let real = realPath(url.path) { return real }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return "/"
    }

    /// Reads exactly `size` bytes, or fewer if the file shrank meanwhile; nil on a read error.
    static func readAll(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let got = Glibc.read(descriptor, buffer.baseAddress.map { $0 + initialized }, size - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if got == 0 { break }
                initialized += got
            }
        }
        return failed ? nil : bytes
    }

    /// Writes every byte, retrying interrupted and partial writes; returns the error number that stopped it,
    /// or nil. The one place surv writes to a descriptor: the journal, saved files, standard streams.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GB" : bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    static func lastErrorReason() -> String {
        errno == ENOENT ? "no such file or folder" : String(cString: strerror(errno))
    }
}
