import Foundation

/// File-name candidates for a partly typed path, for completers that offer
/// files (e.g. inside `load "…"`).
public enum FilePathCompletion {
    /// Entries of the directory named by `partialPath` whose names start with
    /// its last component, each returned as the full path to put in place of
    /// `partialPath`, sorted by name. Directories end with `/` so completion
    /// can continue into them. Hidden entries are offered only when the typed
    /// name starts with a dot. `~/` is expanded with `homeDirectory` for the
    /// lookup but kept in the candidates. Relative paths are resolved against
    /// `currentDirectory`. An unreadable directory gives no candidates.
    public static func candidates(
        for partialPath: String,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        homeDirectory: String? = ProcessInfo.processInfo.environment["HOME"]
    ) -> [String] {
        let typedDirectory: String
        let namePrefix: String
        if let slash = partialPath.lastIndex(of: "/") {
            typedDirectory = String(partialPath[...slash])
            namePrefix = String(partialPath[partialPath.index(after: slash)...])
        } else {
            typedDirectory = ""
            namePrefix = partialPath
        }
        var lookup = typedDirectory
        if lookup.hasPrefix("~/") {
            guard let homeDirectory else { return [] }
            lookup = homeDirectory + "/" + lookup.dropFirst(2)
        }
        if !lookup.hasPrefix("/") {
            lookup = currentDirectory + "/" + lookup
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lookup) else { return [] }
        let showHidden = namePrefix.hasPrefix(".")
        return names
            .filter { $0.hasPrefix(namePrefix) && (showHidden || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: lookup + "/" + name, isDirectory: &isDirectory)
                return typedDirectory + name + (exists && isDirectory.boolValue ? "/" : "")
            }
    }
}
