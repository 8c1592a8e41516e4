import Foundation
import SurvLanguage

/// What files a session may touch. A notebook may come from someone else, so replaying one confines
/// reads and writes to the notebook's folder.
public enum FileAccessPolicy: Equatable, Sendable {
    case unrestricted
    /// Reads and writes only inside this folder (after resolving `..` and symbolic links).
    case confined(to: URL)

    /// The absolute file URL for a path typed by the user, or an error if the policy forbids it.
    public func resolve(_ path: String, relativeTo base: URL, writing: Bool) throws(Diagnostic) -> URL {
        let expanded = path.hasPrefix("~/") && self == .unrestricted
            ? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(String(path.dropFirst(2)))
            : (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
        let url = expanded.standardizedFileURL.resolvingSymlinksInPath()
        guard case .confined(let folder) = self else { return url }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let target = url.path
        guard target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw Diagnostic("'\(path)' is outside the notebook's folder; a notebook may only \(writing ? "write" : "read") files inside it",
                             hint: "copy the file next to the notebook")
        }
        return url
    }
}
