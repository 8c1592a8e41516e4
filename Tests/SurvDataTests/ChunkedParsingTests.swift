import SurvCore
import XCTest
@testable import SurvData

/// Reading in chunks on several cores must give exactly what one pass gives — the same table, or the
/// same error at the same line and column — wherever the cuts fall.
final class ChunkedParsingTests: XCTestCase {
    // MARK: Every cut

    func testQuotedFieldsWithLineBreaks() {
        assertEveryCutMatches("id,note,x\n1,\"a\nb\",2\n2,\"c\r\nd\",3\n3,\"\"\"q\"\"\n\n\",4\n4,\"\n\",5\n")
    }

    func testQuotedFieldThatLooksLikeRecords() {
        // After each line break inside the quotes the bytes read like a record with a quoted field.
        assertEveryCutMatches("a,b\n\"x\n1,\"\"y\n2,\"\"z\",1\n3,\"w\"\n4,\"v\n\"\n")
    }

    func testSpacesBeforeAnOpeningQuote() {
        assertEveryCutMatches("a,b\n1, \"p\nq\"\n2,  \"r\"\n3, s\n")
    }

    func testLineEndings() {
        assertEveryCutMatches("a,b\r\n1,x\r\n2,y\r\n\r\n3,z\r\n")
        assertEveryCutMatches("a,b\r1,x\r2,y\r\r3,z")
        assertEveryCutMatches("a,b\n1,x\r\n2,y\r3,z\n\n\n")
    }

    func testMissingValues() {
        assertEveryCutMatches("a,b,c\n1,NA,\"\"\n,2,\"NA\"\n  ,NA , x\nNA,,\n4,5,6\n")
    }

    func testColumnTurningTextLate() {
        assertEveryCutMatches("a,b\n007,1\n1.50,2\n-3,3\n+.5,4\n1e3,5\nx,6\n")
    }

    func testColumnTextEarlyThenNumbers() {
        // Later chunks hold the column as numbers and must read it again as text, keeping the spelling.
        assertEveryCutMatches("a,b\nx,1\n007,2\n1.50,3\nNA,4\n,5\n1e3,6\n007,7\n")
    }

    func testLevelsAcrossChunks() {
        assertEveryCutMatches("g,n\nb,1\nB,2\na,3\né,4\nb,5\n10,6\n9,7\nA,8\na,9\n")
    }

    func testByteOrderMarkAndBlankLines() {
        assertEveryCutMatches([0xEF, 0xBB, 0xBF] + Array("a,b\n\n\n1,2\n\n3,4\n\r\n".utf8))
    }

    func testHeaderOnlyAndSingleRow() {
        assertEveryCutMatches("a,b\n")
        assertEveryCutMatches("a,b\n\n\n")
        assertEveryCutMatches("a,b\n1,2")
    }

    func testQuoteInsideUnquotedField() {
        assertEveryCutMatches("a,b\n5\",1\n6\"\n,2\n7,\"x\"\n")
    }

    // MARK: Errors

    func testRaggedRowInALaterChunk() {
        let text = "a,b\n1,2\n3,4\n5,6\n7\n8,9\n"
        assertEveryCutMatches(text)
        for cut in 0...text.utf8.count {
            assertError(text, cuts: [cut], message: "expected 2 fields (as in the header), found 1", line: 5, column: 2)
        }
    }

    func testErrorsAfterMultiLineQuotedFields() {
        assertEveryCutMatches("a,b\n\"x\ny\",2\n\"p\nq\nr\",3\n4\n")
        assertEveryCutMatches("a,b\n\"x\ny\",2\n3,\"open\n4,5\n")
        assertEveryCutMatches("a,b\n1,2\n\"x\"y,3\n")
        assertEveryCutMatches(Array("a,b\n1,2\n3,".utf8) + [0xC3, 0x28] + Array("\n4,5\n".utf8))
        assertEveryCutMatches(Array("a,b\n1,2\n3,4\n5,".utf8) + [0x01] + Array("\n".utf8))
    }

    func testOutOfRangeOnlyWhileTheColumnIsNumeric() {
        // Text comes first: the huge number is then a category, in whichever chunk it falls.
        assertEveryCutMatches("a,b\nx,1\n2,2\n1e400,3\n")
        // Numbers come first: the huge number is an error at its line.
        assertEveryCutMatches("a,b\n1,1\n2,2\n1e400,3\nx,4\n")
        for cut in 0...22 {
            assertError("a,b\n1,1\n2,2\n1e400,3\nx,4\n", cuts: [cut], message: "the number 1e400 is out of range",
                        line: 4, column: 1)
        }
    }

    func testFirstErrorInFileOrderWins() {
        // A ragged row in the last chunk, an out-of-range number earlier.
        assertEveryCutMatches("a,b\n1,1\n1e999,2\n3,3\n4\n")
        // An unterminated quote late, a ragged row early.
        assertEveryCutMatches("a,b\n1\n2,2\n3,\"open\n")
    }

    func testCtrlCStopsEveryChunk() {
        // Chunks poll for an interruption every 64k rows, as one pass does.
        let bytes = Array(("a,b\n" + String(repeating: "1,2\n", count: 140_000)).utf8)
        Interruption.isRequested = { true }
        defer { Interruption.isRequested = { false } }
        for cuts in [[], [bytes.count / 2]] {
            let interrupted = outcome(bytes, cuts: cuts) == .other(CoreError.interrupted.description)
            XCTAssertTrue(interrupted, "cuts \(cuts)")
        }
    }

    // MARK: Several cuts

    func testEveryPairOfCuts() {
        let inputs = [
            "id,note,x\n1,\"a\nb\",2\n2,\"c\r\nd\",3\n3,x,4\n",
            "a,b\nx,1\n007,2\n1.50,3\n\n4,\"y\nz\"\n",
            "a,b\n1,2\n3,4\n5\n",
        ]
        for text in inputs {
            let bytes = Array(text.utf8)
            let expected = outcome(bytes, cuts: [])
            for first in 0...bytes.count {
                for second in first...bytes.count {
                    XCTAssertEqual(outcome(bytes, cuts: [first, second]), expected, "cuts \(first), \(second) in \(text.debugDescription)")
                }
            }
        }
    }

    func testRandomFilesWithRandomCuts() {
        var rng = SplitMix(seed: 42)
        let cells = ["1", "2.5", "-3", "NA", "", " 4 ", "007", "x", "é", "\"q\"", "\"a,b\"", "\"l1\nl2\"", "\"\"\"\"",
                     "\"r\r\nn\"", "1e3", "\"\n\"", "1e400", "\"NA\""]
        for round in 0..<400 {
            let columns = 1 + Int(rng.next() % 4)
            var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
            for _ in 0..<Int(rng.next() % 12) {
                // Now and then a ragged row or a blank line.
                let width = rng.next() % 25 == 0 ? columns + 1 : columns
                text += (0..<width).map { _ in cells[Int(rng.next() % UInt64(cells.count))] }.joined(separator: ",")
                text += ["\n", "\r\n", "\r", "\n\n"][Int(rng.next() % 4)]
            }
            let bytes = Array(text.utf8)
            let expected = outcome(bytes, cuts: [])
            for _ in 0..<8 {
                let cuts = (0..<Int(1 + rng.next() % 4)).map { _ in Int(rng.next() % UInt64(bytes.count + 1)) }
                XCTAssertEqual(outcome(bytes, cuts: cuts), expected, "round \(round), cuts \(cuts) in \(text.debugDescription)")
            }
        }
    }

    // MARK: The automatic split

    func testLargeFileSplitsOnItsOwnAndMatches() throws {
        var text = "id,time,event,arm,note,x\n"
        var rng = SplitMix(seed: 7)
        var spellings: [String] = []
        for i in 0..<60_000 {
            let note = i % 997 == 0 ? "\"two\nlines\"" : (i % 5 == 0 ? "" : "n\(i % 13)")
            let x = i == 45_000 ? "late text" : String(Double(rng.next() % 10_000) / 100)
            spellings.append(x)
            text += "\(i),\(Double(rng.next() % 5000) / 10),\(rng.next() % 2),\(["A", "B", "C"][i % 3]),\(note),\(x)\n"
        }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let parser = DelimitedTextParser(bytes: buffer, name: "t", delimiter: nil)
            let points = parser.automaticSplitPoints(from: 25, columns: 6)
            if Concurrently.cores > 1 { XCTAssertGreaterThan(points.count, 0, "a \(bytes.count)-byte file is cut") }
            let automatic = try parser.parse()
            // Compared with ==, not XCTAssertEqual: a failure would print 60,000 rows three times.
            XCTAssertTrue(automatic == (try parser.parse(splittingNear: [])), "automatic cuts")
            XCTAssertTrue(automatic == (try parser.parse(splittingNear: (1..<16).map { bytes.count / 16 * $0 })), "16 chunks")
            XCTAssertEqual(automatic.rowCount, 60_000)
            XCTAssertEqual(texts(automatic, "x"), spellings)
            XCTAssertEqual(texts(automatic, "note").filter { $0 == "two\nlines" }.count, 61)
        }
    }

    // MARK: Helpers

    private enum Outcome: Equatable {
        case table(DataTable)
        case error(DataError)
        case other(String)
    }

    private func outcome(_ bytes: [UInt8], cuts: [Int]) -> Outcome {
        bytes.withUnsafeBufferPointer { buffer in
            do {
                return .table(try DelimitedTextParser(bytes: buffer, name: "t", delimiter: nil).parse(splittingNear: cuts))
            } catch let error as DataError {
                return .error(error)
            } catch {
                return .other("\(error)")
            }
        }
    }

    private func assertEveryCutMatches(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        assertEveryCutMatches(Array(text.utf8), file: file, line: line)
    }

    private func assertEveryCutMatches(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let expected = outcome(bytes, cuts: [])
        for cut in 0...bytes.count {
            XCTAssertEqual(outcome(bytes, cuts: [cut]), expected, "cut at \(cut)", file: file, line: line)
        }
        // Cuts after every line break at once: as many chunks as there are lines.
        let everyLine = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") || bytes[$0] == UInt8(ascii: "\r") }.map { $0 + 1 }
        XCTAssertEqual(outcome(bytes, cuts: everyLine), expected, "a cut at every line", file: file, line: line)
    }

    private func assertError(_ text: String, cuts: [Int], message: String, line errorLine: Int, column: Int,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard case .error(let error) = outcome(Array(text.utf8), cuts: cuts) else {
            return XCTFail("cuts \(cuts): no error", file: file, line: line)
        }
        XCTAssertEqual(error.message, message, "cuts \(cuts)", file: file, line: line)
        XCTAssertEqual(error.line, errorLine, "cuts \(cuts)", file: file, line: line)
        XCTAssertEqual(error.column, column, "cuts \(cuts)", file: file, line: line)
    }
}

/// A deterministic generator, so that a failing case can be replayed.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
