import Foundation
import XCTest

/// The README's example session is real output: this test runs its command and compares.
final class ReadmeExampleTests: XCTestCase {
    func testReadmeExampleMatchesTheProgram() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "```console\n$ surv -c '"),
              let end = readme.range(of: "\n```", range: start.upperBound..<readme.endIndex) else {
            return XCTFail("README has no ```console example starting with $ surv -c '")
        }
        let block = readme[start.upperBound..<end.lowerBound]
        guard let quote = block.firstIndex(of: "'") else { return XCTFail("unterminated command in the README example") }
        let command = String(block[..<quote])
        let expected = String(block[block.index(after: quote)...].drop { $0 == "\n" })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runSurv(["-c", command], in: folder)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .newlines), expected.trimmingCharacters(in: .newlines))
    }
}
