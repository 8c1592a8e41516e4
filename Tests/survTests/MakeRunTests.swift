import Foundation
import XCTest

/// `make run`, the README's first command, opens the REPL on the reconstructed GRAALL cohort and points at
/// the paper's notebook: its init commands must work from any folder, and the files and folders it names must exist.
final class MakeRunTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `run` target's recipe: from `run:` to the next blank line.
    func runRecipe(_ makefile: String) -> String? {
        guard let start = makefile.range(of: "\nrun: ") else { return nil }
        let rest = makefile[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    func testTheInitCommandsLoadTheReconstructedCohortFromAnyFolder() throws {
        let makefile = try String(contentsOf: root.appendingPathComponent("Makefile"), encoding: .utf8)
        let recipe = try XCTUnwrap(runRecipe(makefile), "the Makefile has a run target")
        XCTAssertTrue(recipe.contains("--init \"$(RUN_INIT)\""), "make run opens the prompt after RUN_INIT")
        let line = try XCTUnwrap(makefile.split(separator: "\n").first { $0.hasPrefix("RUN_INIT := ") })
        let commands = String(line.dropFirst("RUN_INIT := ".count))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-make-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runSurv(["-c", commands], in: folder)
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertFalse(result.stdout.contains("error:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("loaded graall: 73 rows"), result.stdout)
        XCTAssertTrue(result.stdout.contains("SYNTHETIC data"), "the cohort says it is synthetic")
        XCTAssertTrue(result.stdout.contains("endpoint in use: os"), result.stdout)
    }

    func testTheNotebooksItPointsAtExist() throws {
        let makefile = try String(contentsOf: root.appendingPathComponent("Makefile"), encoding: .utf8)
        let recipe = try XCTUnwrap(runRecipe(makefile))
        let named = Set(recipe.split(whereSeparator: { " \"\\(),;".contains($0) })
            .map(String.init).filter { $0.hasPrefix("notebooks/") })
        XCTAssertTrue(named.contains("notebooks/graall-2022.surv.md"), "make run names the paper's notebook")
        XCTAssertTrue(named.contains("notebooks/lessons/"), "make run names the lessons' folder")
        for path in named {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path) is named by make run")
        }
    }
}
