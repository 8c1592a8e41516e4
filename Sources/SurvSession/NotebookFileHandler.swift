import Foundation
import SurvLanguage
import SurvResults

/// What `save`, `open` and `recover` do with notebook files.
///
/// The notebook format (reading, writing, replaying, the journal) lives in a target above the session:
/// replaying a notebook drives a session, so the notebook target depends on the session and data flows
/// one way. The session therefore reaches notebook files only through this protocol, which whoever creates
/// the session supplies (the command-line tool, a notebook replay). A session without one refuses these
/// commands with a clear message instead of writing a second, simpler format of its own.
///
/// Paths reach the handler already resolved by the session's `FileAccessPolicy`, so a confined session
/// cannot be made to touch files outside its folder through it.
public protocol NotebookFileHandler: AnyObject {
    /// Writes the session's transcript as a notebook at `url` (`path` as the user typed it, for messages).
    func save(_ session: Session, to url: URL, path: String) throws(Diagnostic) -> Report
    /// Replays the notebook read from `url` into `session`: its prose and cells join the transcript. The
    /// session has read the file already (`contents`), checked as it was opened.
    func open(_ url: URL, contents: [UInt8], path: String, into session: Session) throws(Diagnostic) -> Report
    /// Writes the previous unsaved session to a new notebook at `url`, then opens it into `session`.
    func recover(to url: URL, path: String, into session: Session) throws(Diagnostic) -> Report
}
