import Foundation
import SurvSession

/// Writes the page `surv export` made. Besides what every write of surv refuses (`AtomicFile`: writing
/// through a symbolic link, over a folder or a read-only file, or leaving an executable), an export must
/// not write over the notebook it exports — by the same path, another path to it, or a hard link.
public enum ExportedPage {
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ page: Data, to output: URL, exporting notebook: URL) throws(Refusal) {
        var existing = stat(), source = stat()
        if lstat(output.path, &existing) == 0, stat(notebook.path, &source) == 0,
           source.st_dev == existing.st_dev, source.st_ino == existing.st_ino {
            throw Refusal(description: "it is the notebook being exported; name another file for the page")
        }
        do {
            try AtomicFile.write(page, to: output)
        } catch {
            throw Refusal(description: error.reason)
        }
    }
}
