import Foundation
import SurvLanguage
import XCTest
@testable import SurvSession

/// Reading a file a notebook names: what is checked is the file opened, not the path.
final class FileAccessTests: XCTestCase {
    private func folders() throws -> (root: URL, notebook: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("surv-access-\(UUID().uuidString)")
        let notebook = root.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: notebook, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return (root.resolvingSymlinksInPath(), notebook.resolvingSymlinksInPath())
    }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return (error as? Diagnostic)?.message ?? "\(error)" }
        return nil
    }

    /// Another process swaps the data file with a link to a secret outside the folder, again and again,
    /// while the notebook reads it: no read ever returns the secret. (With a check of the path followed
    /// by a second open, about one read in a thousand did.)
    func testASwappedLinkNeverLeadsOutOfTheFolder() throws {
        let (root, folder) = try folders()
        try Data("SECRET,status\n1,1\n".utf8).write(to: root.appendingPathComponent("secret.csv"))
        try Data("time,status\n1,1\n".utf8).write(to: folder.appendingPathComponent("d.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("l.csv").path, withDestinationPath: "../secret.csv")
        // renameat2(RENAME_EXCHANGE) swaps two names atomically; Glibc's Swift module does not declare it.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let handle = dlopen(nil, RTLD_NOW)
        guard let symbol = dlsym(handle, "renameat2") else { throw XCTSkip("renameat2 is not available") }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchange: UInt32 = 2
        let stop = ManagedFlag()
        let swapper = Thread {
            let a = folder.appendingPathComponent("d.csv").path, b = folder.appendingPathComponent("l.csv").path
            while !stop.isSet { _ = renameat2(AT_FDCWD, a, AT_FDCWD, b, exchange) }
        }
        swapper.start()
        defer { stop.set() }
        let policy = FileAccessPolicy.confined(to: folder)
        var leaks = 0, reads = 0, refusals = 0
        // Until the swaps have been seen many times (the other thread may start late on a busy machine).
        let deadline = Date().addingTimeInterval(10)
        while (refusals < 500 || reads < 500) && Date() < deadline {
            if let (bytes, _) = try? policy.read("d.csv", relativeTo: folder, limit: 1 << 20) {
                reads += 1
                if String(decoding: bytes, as: UTF8.self).contains("SECRET") { leaks += 1 }
            } else {
                refusals += 1
            }
        }
        XCTAssertEqual(leaks, 0, "\(leaks) of \(reads) reads returned the file outside the folder")
        XCTAssertGreaterThan(refusals, 0, "the swaps happened: some reads found the link and were refused")
    }

    func testAFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let (_, folder) = try folders()
        let big = folder.appendingPathComponent("big.csv")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        // A sparse file: 2 GiB and one byte that occupy no disk.
        XCTAssertEqual(truncate(big.path, off_t(FileAccessPolicy.maximumDataFileBytes) + 1), 0)
        let refused = message { _ = try FileAccessPolicy.confined(to: folder).read("big.csv", relativeTo: folder, limit: FileAccessPolicy.maximumDataFileBytes) }
        XCTAssertEqual(refused, "'big.csv' is 2 GB; surv reads files of at most 2 GB")
    }

    /// Whether a file outside exists is not something a notebook's output may reveal.
    func testPathsOutsideAreRefusedAlikeWhetherOrNotTheyExist() throws {
        let (root, folder) = try folders()
        try Data("x\n".utf8).write(to: root.appendingPathComponent("exists.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("live.csv").path, withDestinationPath: "../exists.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dead.csv").path, withDestinationPath: "../missing.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("hop.csv").path, withDestinationPath: "dead.csv")
        let policy = FileAccessPolicy.confined(to: folder)
        let messages = ["../exists.csv", "../missing.csv", "up/exists.csv", "up/missing.csv", "up/nowhere/missing.csv", root.path + "/exists.csv",
                        "live.csv", "dead.csv", "hop.csv"].map { path in
            message { _ = try policy.read(path, relativeTo: folder, limit: 1 << 20) }?.replacingOccurrences(of: path, with: "P")
        }
        XCTAssertEqual(Set(messages).count, 1, "\(messages)")
        XCTAssertEqual(messages.first, "'P' is outside the notebook's folder; a notebook may only read files inside it")
        XCTAssertEqual(message { _ = try policy.read("missing.csv", relativeTo: folder, limit: 1 << 20) },
                       "cannot read 'missing.csv': no such file or folder")
        // A link to a missing file inside the folder may say so: nothing outside is revealed.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("inner.csv").path, withDestinationPath: "gone.csv")
        XCTAssertEqual(message { _ = try policy.read("inner.csv", relativeTo: folder, limit: 1 << 20) },
                       "'inner.csv' is a symbolic link to a file that does not exist")
    }
}

private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
