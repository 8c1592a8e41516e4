import Foundation

/// A fresh temporary folder, the only place a fuzzed session may read or write. It is emptied after
/// every input (so a `save` cannot feed a later input's `load`) and removed when the process exits.
enum FuzzSandbox {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot create the fuzzing sandbox \(url.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: FuzzSandbox.folder) }
        return url.standardizedFileURL.resolvingSymlinksInPath()
    }()

    static func empty() {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: folder.path), !entries.isEmpty else { return }
        for entry in entries {
            try? manager.removeItem(at: folder.appendingPathComponent(entry))
        }
    }
}
