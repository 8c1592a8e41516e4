import Foundation
import SurvSession

/// The REPL's journal: every transcript entry is appended to a file as soon as its command has run, so a
/// session that crashes or is killed loses nothing. One JSON object per line, so a line cut short by a
/// crash spoils only itself.
///
/// Life cycle (see docs/notebooks.md): a session journals to `file`; `save` marks the journal saved; a
/// session that ends with nothing unsaved removes its journal. At the next start, a journal with commands
/// after its last save is moved to `file.unsaved`, and `recover "x.surv.md"` turns that into a notebook.
public final class SessionJournal {
    public let url: URL
    private let handle: FileHandle
    private var journaledEntries = 0
    private var journaledTitle: String?
    private var unsavedCommands = 0

    /// A journal at `url`, emptied first.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        handle = try FileHandle(forWritingTo: url)
        self.url = url
    }

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
                append(Record(kind: .command, text: source, output: output))
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
    /// Returns whether it was kept.
    @discardableResult
    public func finish() -> Bool {
        try? handle.close()
        if unsavedCommands == 0 { try? FileManager.default.removeItem(at: url) }
        return unsavedCommands > 0
    }

    private func append(_ record: Record) {
        guard let data = try? Self.encoder.encode(record) else { return }
        // One write per record: a killed process leaves whole lines, the last one at worst cut short.
        try? handle.write(contentsOf: data + Data("\n".utf8))
    }

    // MARK: - Reading

    /// What a journal holds: the session's title and transcript, and how many commands followed its last save.
    public struct Contents: Equatable, Sendable {
        public var title: String?
        public var transcript: [TranscriptEntry]
        public var commandsSinceSave: Int
    }

    /// Reads a journal; unreadable or cut-short lines are skipped.
    public static func read(_ url: URL) -> Contents {
        var contents = Contents(title: nil, transcript: [], commandsSinceSave: 0)
        guard let data = try? Data(contentsOf: url) else { return contents }
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? decoder.decode(Record.self, from: Data(line)) else { continue }
            switch record.kind {
            case .title: contents.title = record.text
            case .prose: contents.transcript.append(.prose(record.text ?? ""))
            case .markdown: contents.transcript.append(.markdown(record.text ?? ""))
            case .command:
                contents.transcript.append(.command(source: record.text ?? "", output: record.output ?? ""))
                contents.commandsSinceSave += 1
            case .saved: contents.commandsSinceSave = 0
            }
        }
        return contents
    }

    /// What a REPL finds when it starts.
    public struct Start {
        /// The journal for the new session; nil when it cannot be created (the session runs unjournaled).
        public var journal: SessionJournal?
        /// A previous session's unsaved journal, if there is one.
        public var unsaved: URL?
        /// How many commands it holds.
        public var unsavedCommands: Int
        /// Why the new session is not journaled, when it is not.
        public var problem: String?
    }

    /// Where a previous session's unsaved journal is kept.
    public static func unsavedURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".unsaved")
    }

    /// Starts journaling at `url`: a journal left with unsaved commands by a previous session (crashed,
    /// killed, or ended without `save`) is first moved aside to `url.unsaved`, replacing an older one.
    public static func start(at url: URL) -> Start {
        let unsavedURL = unsavedURL(for: url)
        if FileManager.default.fileExists(atPath: url.path) {
            if read(url).commandsSinceSave > 0 {
                try? FileManager.default.removeItem(at: unsavedURL)
                try? FileManager.default.moveItem(at: url, to: unsavedURL)
            } else {
                try? FileManager.default.removeItem(at: url)
            }
        }
        var start = Start(journal: nil, unsaved: nil, unsavedCommands: 0, problem: nil)
        if FileManager.default.fileExists(atPath: unsavedURL.path) {
            let count = read(unsavedURL).transcript.filter { if case .command = $0 { return true } else { return false } }.count
            if count > 0 {
                start.unsaved = unsavedURL
                start.unsavedCommands = count
            }
        }
        do {
            start.journal = try SessionJournal(url: url)
        } catch {
            start.problem = "cannot write the session journal \(url.path): \(NotebookSource.reason(error))"
        }
        return start
    }

    /// The journal's path: `SURV_JOURNAL` if set (empty turns journaling off), else `~/.surv_journal`.
    public static func location(environment: [String: String]) -> URL? {
        if let path = environment["SURV_JOURNAL"] {
            return path.isEmpty ? nil : URL(fileURLWithPath: path)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".surv_journal")
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
    }
}
