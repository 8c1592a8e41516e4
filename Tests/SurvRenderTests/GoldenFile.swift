import Foundation
import XCTest

/// Compares output with a file under Tests/SurvRenderTests/Golden. A missing file is written and the test
/// fails, so a new figure is looked at before it is trusted; `SURV_UPDATE_GOLDEN=1` rewrites every file
/// that differs (review the diff before committing).
func assertGolden(_ output: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    // Stored with a final newline, as text files are.
    let actual = output + "\n"
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let url = folder.appendingPathComponent(name)
    let update = ProcessInfo.processInfo.environment["SURV_UPDATE_GOLDEN"] == "1"
    guard let expected = try? String(contentsOf: url, encoding: .utf8), !update else {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            XCTFail("could not write \(url.path): \(error)", file: file, line: line)
        }
        if !update { XCTFail("no golden file \(name): written, review it", file: file, line: line) }
        return
    }
    guard actual != expected else { return }
    let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
    let first = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    XCTFail("""
        \(name) differs from line \(first + 1) (SURV_UPDATE_GOLDEN=1 rewrites it)
        expected: \(first < e.count ? e[first] : "<end>")
        actual:   \(first < a.count ? a[first] : "<end>")
        whole output:
        \(actual)
        """, file: file, line: line)
}
