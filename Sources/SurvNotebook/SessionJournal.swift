import Foundation
import SurvRender
import SurvSession

/// The REPL's journal: every transcript entry is appended to a file as soon as its command has run, so a
/// session that crashes or is killed loses nothing. One JSON object per line, so a line cut short by a
/// crash spoils only itself.
///
/// Each interactive surv has a journal of its own in the journal folder, and holds an exclusive lock on it
/// (`flock`) for as long as it lives: no other surv reads, moves or deletes a locked journal. The lock goes
/// with the process, however it ends, so at start-up a journal that can be locked belongs to a surv that
/// is gone. Such a journal with commands after its last save is offered for `recover` (and stays locked by
/// the new surv while it is on offer, so two new prompts never offer the same one); one without is removed.
/// Life cycle and folder: see docs/notebooks.md.
public final class SessionJournal {
    public let url: URL
    private let descriptor: Int32
    private var journaledEntries = 0
    private var journaledTitle: String?
    private var unsavedCommands = 0
    /// Why the last write failed (disk full, say): the session can no longer be recovered from here.
    public private(set) var writeFailure: String?

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends the entries added to the session's transcript (and its title, if it changed) since the last
    /// call. Each write goes straight to the operating system, so it survives the process being killed.
    public func record(_ session: Session) {
        if session.title != journaledTitle, let title = session.title {
            append(Record(kind: .title, text: title))
            journaledTitle = title
        }
        let entries = session.transcript
        guard journaledEntries < entries.count else { return }
        for entry in entries[journaledEntries...] {
            switch entry {
            case .prose(let typed): append(Record(kind: .prose, text: typed))
            case .markdown(let markdown): append(Record(kind: .markdown, text: markdown))
            case .command(let source, let output):
                append(Record(kind: .command, text: source, output: CellText.text(output), failed: output.failed ? true : nil))
                unsavedCommands += 1
            }
        }
        journaledEntries = entries.count
    }

    /// Notes that the session was saved (after journaling what it ran before the save, which may be on
    /// the same line): the next start will not call it unsaved.
    public func markSaved(_ session: Session) {
        record(session)
        append(Record(kind: .saved, text: nil))
        unsavedCommands = 0
    }

    /// At the end of a session: removes the journal when nothing is unsaved, else keeps it for `recover`.
    /// Returns whether it was kept. The lock is released either way.
    @discardableResult
    public func finish() -> Bool {
        let kept = unsavedCommands > 0
        if !kept { unlink(url.path) }
        flock(descriptor, LOCK_UN)
        return kept
    }

    private func append(_ record: Record) {
        guard writeFailure == nil, let data = try? Self.encoder.encode(record) else { return }
        // One write per record: a killed process leaves whole lines, the last one at worst cut short.
        if let failure = (data + Data("\n".utf8)).withUnsafeBytes({ FilePath.writeAll($0, to: descriptor) }) {
            writeFailure = String(cString: strerror(failure))
        }
    }

    // MARK: - Reading

    /// What a journal holds: the session's title and transcript, and how many commands followed its last save.
    public struct Contents: Equatable, Sendable {
        public var title: String?
        public var transcript: [TranscriptEntry]
        public var commandsSinceSave: Int
        /// Records that were not what surv writes (cut short by a crash, or made by someone else) and were left out.
        public var skipped = 0
    }

    /// The largest journal read: one session's commands and outputs, far beyond any typed by hand.
    public static let maximumBytes = 64 << 20

    /// Reads a journal. A journal file is input like any other (anyone who can write the folder can plant
    /// one), so only records surv itself could have written are kept: unreadable or cut-short lines, and
    /// records whose text could not have been typed or printed (a control character, a line break in a
    /// command, prose that holds a cell), are skipped and counted.
    public static func read(_ url: URL) -> Contents {
        var contents = Contents(title: nil, transcript: [], commandsSinceSave: 0)
        guard let bytes = try? FileAccessPolicy.unrestricted.read(url.path, relativeTo: URL(fileURLWithPath: "/"), limit: maximumBytes).bytes
        else { return contents }
        let decoder = JSONDecoder()
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? decoder.decode(Record.self, from: Data(line)), record.isPlausible else {
                contents.skipped += 1
                continue
            }
            switch record.kind {
            case .title: contents.title = record.text
            case .prose: contents.transcript.append(.prose(record.text ?? ""))
            case .markdown: contents.transcript.append(.markdown(record.text ?? ""))
            case .command:
                contents.transcript.append(.command(source: record.text ?? "",
                                                    output: .drawn(text: record.output ?? "", failed: record.failed ?? false)))
                contents.commandsSinceSave += 1
            case .saved: contents.commandsSinceSave = 0
            }
        }
        return contents
    }

    // MARK: - Starting a session

    /// A journal left by a surv that is gone, with commands after its last save. While this value lives,
    /// this process holds its lock, so no other surv offers or removes it.
    public final class Unsaved {
        public let url: URL
        public let commands: Int
        public let modified: Date
        private let descriptor: Int32

        init(url: URL, commands: Int, modified: Date, descriptor: Int32) {
            self.url = url
            self.commands = commands
            self.modified = modified
            self.descriptor = descriptor
        }

        /// Removes the journal once its contents are safely in a notebook.
        public func discard() { unlink(url.path) }

        deinit { close(descriptor) }
    }

    /// What a REPL finds when it starts.
    public struct Start {
        /// The journal for the new session; nil when it cannot be created (the session runs unjournaled).
        public var journal: SessionJournal?
        /// Journals of sessions that ended without saving, the most recent first.
        public var unsaved: [Unsaved]
        /// Why the new session is not journaled, when it is not.
        public var problem: String?
    }

    static let prefix = "session-"
    static let maximumClaimed = 20
    static let suffix = ".jsonl"

    /// Starts journaling in `folder` (created if missing, readable by the user alone): claims the journals
    /// of sessions that are gone, removing those with nothing unsaved, then opens this session's own.
    public static func start(in folder: URL) -> Start {
        var start = Start(journal: nil, unsaved: [], problem: nil)
        let path = folder.path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            start.problem = "cannot create the journal folder \(path): \(NotebookSource.reason(error))"
            return start
        }
        guard FilePath.isDirectory(path), !FilePath.isSymbolicLink(path) else {
            start.problem = "the journal folder \(path) is not a folder"
            return start
        }
        start.unsaved = claimAbandoned(in: folder)
        do {
            start.journal = try create(in: folder)
        } catch {
            start.problem = "cannot write a session journal in \(path): \(String(cString: strerror(error.code)))"
        }
        return start
    }

    /// The journal folder: `SURV_JOURNAL_DIR` if set (empty turns journaling off), else `~/.surv/journals`.
    public static func folder(environment: [String: String]) -> URL? {
        if let path = environment["SURV_JOURNAL_DIR"] {
            return path.isEmpty ? nil : URL(fileURLWithPath: path)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".surv/journals")
    }

    struct SystemError: Error { var code: Int32 }

    /// A journal writing to an arbitrary file (tests: `/dev/full` stands for a full disk).
    static func testing(descriptorFor path: String) -> SessionJournal? {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        return descriptor < 0 ? nil : SessionJournal(url: URL(fileURLWithPath: path), descriptor: descriptor)
    }

    /// Creates this session's journal under a name no other surv considers (it would find it unlocked for
    /// the moment before the lock is taken), locks it, and only then gives it its real name.
    static func create(in folder: URL) throws(SystemError) -> SessionJournal {
        let pid = getpid()
        for attempt in 0..<100 {
            let tag = "\(pid)-\(UInt32.random(in: 0...UInt32.max))"
            let hidden = folder.appendingPathComponent(".creating-\(tag)").path
            let descriptor = open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor < 0 {
                if errno == EEXIST && attempt < 99 { continue }
                throw SystemError(code: errno)
            }
            let final = folder.appendingPathComponent(prefix + tag + suffix)
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, rename(hidden, final.path) == 0 else {
                let code = errno
                close(descriptor)
                unlink(hidden)
                throw SystemError(code: code)
            }
            return SessionJournal(url: final, descriptor: descriptor)
        }
        throw SystemError(code: EEXIST)
    }

    /// Locks every journal in `folder` whose surv is gone: removes those with nothing unsaved and keeps
    /// the others (locked) for `recover`, the most recent first. A journal another surv holds is left alone.
    static func claimAbandoned(in folder: URL) -> [Unsaved] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var claimed: [Unsaved] = []
        for name in names.sorted() where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            // Each claimed journal holds a descriptor and a lock until the prompt ends: a few are offered at a
            // time, the rest wait for a later start.
            if claimed.count >= maximumClaimed { break }
            let url = folder.appendingPathComponent(name)
            let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { continue }
            var opened = stat(), current = stat()
            // Locked by a live surv, or removed (recovered) by another one between our open and our lock.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &opened) == 0,
                  (opened.st_mode & S_IFMT) == S_IFREG, lstat(url.path, &current) == 0,
                  opened.st_ino == current.st_ino, opened.st_dev == current.st_dev else {
                close(descriptor)
                continue
            }
            // Too large for surv to have written: left alone, never read whole.
            if Int(opened.st_size) > maximumBytes {
                close(descriptor)
                continue
            }
            let contents = read(url)
            if contents.commandsSinceSave == 0 {
                unlink(url.path)
                close(descriptor)
                continue
            }
            let commands = contents.transcript.filter { if case .command = $0 { return true } else { return false } }.count
            let modified = Date(timeIntervalSince1970: TimeInterval(opened.st_mtim.tv_sec))
            claimed.append(Unsaved(url: url, commands: commands, modified: modified, descriptor: descriptor))
        }
        return claimed.sorted { $0.modified > $1.modified }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    struct Record: Codable {
        enum Kind: String, Codable { case title, prose, markdown, command, saved }
        var kind: Kind
        var text: String?
        var output: String?
        var failed: Bool?

        /// Whether surv could have written this record: a typed line (title, prose, command) is one line
        /// without control characters; an output has line breaks and tabs only; opened prose (markdown)
        /// holds no cell. Anything else would be written into a recovered notebook as structure or as
        /// terminal commands.
        var isPlausible: Bool {
            let text = self.text ?? ""
            switch kind {
            case .title, .prose, .command:
                let output = self.output ?? ""
                return !text.unicodeScalars.contains { $0 == "\n" || TerminalText.needsEscape($0) }
                    && !output.unicodeScalars.contains(where: TerminalText.needsEscape)
            case .markdown:
                guard !text.unicodeScalars.contains(where: TerminalText.needsEscape),
                      let source = try? NotebookSource(bytes: Array(("\n" + text).utf8)) else { return false }
                // (After a blank line, a leading `---` is a rule, not front matter, as it is in the notebook.)
                let (notebook, problems) = NotebookParser.parse(source)
                return problems.isEmpty && notebook.cells.isEmpty
            case .saved:
                return true
            }
        }
    }
}
