import Foundation
import SurvLanguage
import SurvSession

/// The files a notebook's commands load, found by parsing the commands (not by pattern matching), so a
/// path inside a comment or a string elsewhere is not mistaken for one.
enum LoadedFiles {
    static func paths(in line: String) -> [String] {
        guard let commands = try? Parser.parseLine(line) else { return [] }
        return commands.compactMap { if case .loadFile(let path, _) = $0.command { return path } else { return nil } }
    }
}

/// Hashing the data files a notebook loads, and checking them before a replay.
public enum DataFiles {
    /// Records for `paths` (relative to `folder`), hashed now. A file that cannot be read is left out and
    /// reported in `problems`: its cell will show the error.
    static func records(for paths: [String], in folder: URL, policy: FileAccessPolicy) -> (records: [DataFileRecord], problems: [String]) {
        var records: [DataFileRecord] = []
        var problems: [String] = []
        for path in paths {
            do throws(Diagnostic) {
                let bytes = try policy.read(path, relativeTo: folder, limit: FileAccessPolicy.maximumDataFileBytes).bytes
                records.append(DataFileRecord(path: path, sha256: SHA256.hex(of: bytes)))
            } catch {
                problems.append(error.message)
            }
        }
        return (records, problems)
    }

    /// The most data a replay hashes before its first cell. Each file is bounded already; a front matter
    /// listing many large files (or one many times) would otherwise keep the check busy for hours.
    static let maximumBytesChecked = 4 << 30

    /// Problems with the data files the front matter pins: missing, outside the folder, or changed. Each
    /// file is hashed once, however many entries name it.
    static func check(_ frontMatter: FrontMatter?, folder: URL) -> [NotebookProblem] {
        guard let frontMatter else { return [] }
        let policy = FileAccessPolicy.confined(to: folder)
        let realFolder = FilePath.realPath(folder.path) ?? folder.standardizedFileURL.path
        var problems: [NotebookProblem] = []
        var hashed: [String: String] = [:]
        var bytesChecked = 0
        for record in frontMatter.dataFiles {
            let typed = folder.appendingPathComponent(record.path).standardizedFileURL.path
            // Missing is said only of a path that stays inside the folder, so the message reveals nothing outside.
            if !record.path.hasPrefix("/"), FilePath.isInside(typed, folder: folder.standardizedFileURL.path),
               FilePath.isInside(FilePath.deepestExistingAncestor(of: typed), folder: realFolder), !FilePath.exists(typed) {
                problems.append(NotebookProblem(line: record.line, "data file '\(record.path)' is missing",
                                                hint: "put it next to the notebook (paths are relative to the notebook's folder)"))
                continue
            }
            let actual: String
            do throws(Diagnostic) {
                guard bytesChecked < maximumBytesChecked else {
                    problems.append(NotebookProblem(line: record.line, "data file '\(record.path)' was not checked: the notebook's data files exceed \(maximumBytesChecked >> 30) GB in all"))
                    continue
                }
                let (bytes, url) = try policy.read(record.path, relativeTo: folder, limit: FileAccessPolicy.maximumDataFileBytes)
                if let known = hashed[url.path] {
                    actual = known
                } else {
                    bytesChecked += bytes.count
                    actual = SHA256.hex(of: bytes)
                    hashed[url.path] = actual
                }
            } catch {
                problems.append(NotebookProblem(line: record.line, error.message))
                continue
            }
            if actual != record.sha256 {
                problems.append(NotebookProblem(line: record.line, "data file '\(record.path)' has changed since the notebook was written",
                                                hint: "SHA-256 recorded \(record.sha256), now \(actual); 'surv replay --update' accepts the new data"))
            }
        }
        return problems
    }
}
