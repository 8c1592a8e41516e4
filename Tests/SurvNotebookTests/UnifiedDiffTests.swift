import XCTest
@testable import SurvNotebook

final class UnifiedDiffTests: XCTestCase {
    func testOneChangedLineWithContextAndFileLineNumbers() {
        let expected = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let actual = expected.replacingOccurrences(of: "line 6", with: "line six")
        let diff = UnifiedDiff.render(expected: expected, actual: actual, expectedLabel: "nb:20", actualLabel: "now", expectedStart: 20)
        XCTAssertEqual(diff, """
        --- nb:20
        +++ now
        @@ -22,7 +22,7 @@
         line 3
         line 4
         line 5
        -line 6
        +line six
         line 7
         line 8
         line 9
        """)
    }

    func testSeparateChangesMakeSeparateHunksAndInsertionsCount() {
        let expected = (1...20).map(String.init).joined(separator: "\n")
        var lines = (1...20).map(String.init)
        lines[1] = "two"
        lines.insert("extra", at: 15)
        let diff = UnifiedDiff.render(expected: expected, actual: lines.joined(separator: "\n"), expectedLabel: "a", actualLabel: "b")
        XCTAssertEqual(diff.components(separatedBy: "\n").filter { $0.hasPrefix("@@") }, ["@@ -1,5 +1,5 @@", "@@ -13,6 +13,7 @@"])
    }

    func testEmptyExpectedIsPureAddition() {
        XCTAssertEqual(UnifiedDiff.render(expected: "", actual: "a\nb", expectedLabel: "x", actualLabel: "y", expectedStart: 7),
                       "--- x\n+++ y\n@@ -6,0 +7,2 @@\n+a\n+b")
    }

    func testEditScriptReproducesBothSides() {
        var generator = SplitMix(seed: 3)
        for _ in 0..<50 {
            let a = (0..<Int(generator.next() % 12)).map { _ in String(generator.next() % 4) }
            let b = (0..<Int(generator.next() % 12)).map { _ in String(generator.next() % 4) }
            let script = UnifiedDiff.edits(a, b)
            let old = script.compactMap { line -> String? in
                switch line { case .same(let t), .removed(let t): return t; case .added: return nil }
            }
            let new = script.compactMap { line -> String? in
                switch line { case .same(let t), .added(let t): return t; case .removed: return nil }
            }
            XCTAssertEqual(old, a)
            XCTAssertEqual(new, b)
        }
    }
}
