import Foundation
import XCTest

/// The command line as documented: `surv -c`, `surv run`, `--json`, `--version`, exit codes.
final class CommandLineTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try XCTUnwrap(object as? [String: Any], "not an object: \(line)")
        }
    }

    func testVersion() throws {
        let result = try runSurv(["--version"], in: folder)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testUsageErrorExitsWithTwo() throws {
        XCTAssertEqual(try runSurv(["--no-such-flag"], in: folder).status, 2)
        XCTAssertEqual(try runSurv(["run"], in: folder).status, 2)
    }

    func testScriptErrorsAreLocatedAndExitWithOne() throws {
        let path = try write("bad.surv", "load aml\nendpoint time, status\nstratify by xx\nkm\n")
        let result = try runSurv(["run", path], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("\(path):3:13: error: unknown column 'xx'\n  stratify by xx\n              ^^\n  hint: did you mean 'x'?"),
                      result.stderr)
        XCTAssertTrue(result.stdout.contains("Kaplan–Meier"), "the script goes on after an error")
    }

    func testWindowsLineEndings() throws {
        let path = try write("crlf.surv", "load aml\r\nendpoint time, status\r\nstratify by xx\r\n")
        let result = try runSurv(["run", path], in: folder)
        XCTAssertTrue(result.stderr.hasPrefix("\(path):3:13: error: unknown column 'xx'"), result.stderr)
    }

    func testStandardInputWithoutPrompt() throws {
        let result = try runSurv([], in: folder, input: "load aml\nendpoint time, status\nkm\n")
        XCTAssertEqual(result.status, 0)
        XCTAssertFalse(result.stdout.contains("surv>"))
        XCTAssertTrue(result.stdout.contains("x") && result.stdout.contains("median"))
    }

    func testJSONLinesFollowTheDocumentedSchema() throws {
        let path = try write("all.surv", """
            load aml
            endpoint time, status
            stratify by x
            km at 12, 1000
            logrank
            cox x
            phtest
            followup
            fisher x by status
            stratify by nosuch
            """)
        let result = try runSurv(["run", path, "--json"], in: folder)
        XCTAssertEqual(result.status, 1, "the last command fails")
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.count, 10)
        for (i, line) in lines.enumerated() {
            XCTAssertEqual(line["line"] as? Int, i + 1)
            XCTAssertNotNil(line["command"] as? String)
        }
        XCTAssertEqual(lines.map { $0["kind"] as? String },
                       ["message", "message", "message", "km", "logrank", "cox", "phtest", "followup", "fisher", "error"])

        let km = try XCTUnwrap(lines[3]["result"] as? [String: Any])
        XCTAssertEqual(km["conf_type"] as? String, "log")
        XCTAssertEqual(km["conf_level"] as? Double, 0.95)
        let strata = try XCTUnwrap(km["strata"] as? [[String: Any]])
        XCTAssertEqual(strata.count, 2)
        for key in ["label", "n", "events", "median", "median_lower", "median_upper", "at"] {
            XCTAssertTrue(strata[0].keys.contains(key), "km stratum lacks \(key)")
        }
        XCTAssertTrue(strata[0]["median_upper"] is NSNull, "not reached is null")
        let at = try XCTUnwrap(strata[0]["at"] as? [[String: Any]])
        XCTAssertEqual(Set(at[0].keys), ["time", "n_risk", "surv", "std_err", "lower", "upper"])
        XCTAssertTrue(at[1]["surv"] is NSNull, "beyond follow-up is null")
        // Full precision, not rounded for display.
        XCTAssertEqual(try XCTUnwrap(at[0]["surv"] as? Double), 10.0 / 11.0, accuracy: 1e-15)

        let logrank = try XCTUnwrap(lines[4]["result"] as? [String: Any])
        for key in ["chisq", "df", "p", "groups"] { XCTAssertNotNil(logrank[key], "logrank lacks \(key)") }
        let groups = try XCTUnwrap(logrank["groups"] as? [[String: Any]])
        XCTAssertEqual(Set(groups[0].keys), ["label", "n", "observed", "expected"])

        let cox = try XCTUnwrap(lines[5]["result"] as? [String: Any])
        for key in ["n", "events", "ties", "terms", "loglik_null", "loglik", "lr_test", "wald_test", "score_test",
                    "concordance", "iterations", "warnings"] {
            XCTAssertNotNil(cox[key], "cox lacks \(key)")
        }
        let terms = try XCTUnwrap(cox["terms"] as? [[String: Any]])
        XCTAssertEqual(Set(terms[0].keys), ["name", "coef", "se", "z", "p", "hr", "hr_lower", "hr_upper"])
        XCTAssertEqual(Set(try XCTUnwrap(cox["lr_test"] as? [String: Any]).keys), ["chisq", "df", "p"])

        let ph = try XCTUnwrap(lines[6]["result"] as? [String: Any])
        XCTAssertEqual(Set(try XCTUnwrap((ph["terms"] as? [[String: Any]])?.first).keys), ["name", "chisq", "df", "p"])
        XCTAssertEqual(Set(try XCTUnwrap(ph["global"] as? [String: Any]).keys), ["chisq", "df", "p"])

        let followup = try XCTUnwrap(lines[7]["result"] as? [String: Any])
        XCTAssertEqual(Set(try XCTUnwrap((followup["strata"] as? [[String: Any]])?.first).keys), ["label", "n", "median", "lower", "upper"])

        let fisher = try XCTUnwrap(lines[8]["result"] as? [String: Any])
        for key in ["p", "odds_ratio", "table"] { XCTAssertNotNil(fisher[key], "fisher lacks \(key)") }

        let error = lines[9]
        XCTAssertEqual(error["message"] as? String, "unknown column 'nosuch'")
        XCTAssertEqual(error["line"] as? Int, 10)
        XCTAssertEqual(error["column"] as? Int, 13)
    }
}
