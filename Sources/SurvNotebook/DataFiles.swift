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
                let url = try policy.resolveForReading(path, relativeTo: folder)
                do {
                    records.append(DataFileRecord(path: path, sha256: try SHA256.hex(ofFileAt: url)))
                } catch {
                    problems.append("cannot read data file '\(path)': \(NotebookSource.reason(error))")
                }
            } catch {
                problems.append(error.message)
            }
        }
        return (records, problems)
    }

    /// Problems with the data files the front matter pins: missing, outside the folder, or changed.
    static func check(_ frontMatter: FrontMatter?, folder: URL) -> [NotebookProblem] {
        guard let frontMatter else { return [] }
        var problems: [NotebookProblem] = []
        for record in frontMatter.dataFiles {
            do throws(Diagnostic) {
                let typed = folder.appendingPathComponent(record.path).path
                guard record.path.hasPrefix("/") || FilePath.exists(typed) else {
                    problems.append(NotebookProblem(line: record.line, "data file '\(record.path)' is missing",
                                                    hint: "put it next to the notebook (paths are relative to the notebook's folder)"))
                    continue
                }
                let url = try FileAccessPolicy.confined(to: folder).resolveForReading(record.path, relativeTo: folder)
                let actual: String
                do { actual = try SHA256.hex(ofFileAt: url) } catch {
                    problems.append(NotebookProblem(line: record.line, "cannot read data file '\(record.path)': \(NotebookSource.reason(error))"))
                    continue
                }
                if actual != record.sha256 {
                    problems.append(NotebookProblem(line: record.line, "data file '\(record.path)' has changed since the notebook was written",
                                                    hint: "SHA-256 recorded \(record.sha256), now \(actual); 'surv replay --update' accepts the new data"))
                }
            } catch {
                problems.append(NotebookProblem(line: record.line, error.message))
            }
        }
        return problems
    }
}
