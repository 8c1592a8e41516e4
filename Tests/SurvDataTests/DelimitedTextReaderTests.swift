import Foundation
import XCTest
@testable import SurvData

final class DelimitedTextReaderTests: XCTestCase {
    func testInfersNumericAndTextColumns() throws {
        let table = try parseCSV("id,age,arm\n1,63.5,A\n2,-7e-1,B\n3,+12,A\n")
        XCTAssertEqual(table.name, "t")
        XCTAssertEqual(table.columnNames, ["id", "age", "arm"])
        XCTAssertEqual(table.rowCount, 3)
        XCTAssertEqual(numbers(table, "id"), [1, 2, 3])
        XCTAssertEqual(numbers(table, "age"), [63.5, -0.7, 12])
        XCTAssertEqual(table.column(named: "arm")?.data, .text(codes: [0, 1, 0], levels: ["A", "B"]))
    }

    func testMissingValuesAreEmptyCellsAndNA() throws {
        let table = try parseCSV("x,y\n1,a\n,\nNA,NA\n\"NA\",\"\"\n  ,  NA \n5,b\n")
        XCTAssertEqual(numbers(table, "x"), [1, nil, nil, nil, nil, 5])
        XCTAssertEqual(texts(table, "y"), ["a", nil, nil, nil, nil, "b"])
        XCTAssertEqual(table.column(named: "x")?.data,
                       .number([1, 0, 0, 0, 0, 5], missing: [false, true, true, true, true, false]))
    }

    func testDotIsNotMissing() throws {
        let table = try parseCSV("x\n1\n.\n2\n")
        XCTAssertEqual(texts(table, "x"), ["1", ".", "2"])
    }

    func testAllMissingColumnIsNumeric() throws {
        let table = try parseCSV("x,y\nNA,1\n,2\n")
        XCTAssertEqual(numbers(table, "x"), [nil, nil])
    }

    func testColumnTurningTextLateKeepsOriginalSpelling() throws {
        // The first three cells parse as numbers; the fourth makes the column text, so the earlier
        // cells are re-read with their spelling (007, 1.50), not reprinted from doubles.
        let table = try parseCSV("n,x,m\n1,007,a\n2,1.50,b\n3,NA,c\n4,abc,d\n5,007,e\n")
        XCTAssertEqual(numbers(table, "n"), [1, 2, 3, 4, 5])
        XCTAssertEqual(table.column(named: "x")?.data,
                       .text(codes: [0, 1, -1, 2, 0], levels: ["007", "1.50", "abc"]))
        XCTAssertEqual(texts(table, "m"), ["a", "b", "c", "d", "e"])
    }

    func testSeveralColumnsTurningTextAtDifferentRows() throws {
        var csv = "a,b,c,d\n"
        for i in 0..<500 {
            let a = i == 499 ? "late" : "\(i)"
            let c = i == 250 ? "\"mid,dle\"" : (i % 7 == 0 ? "NA" : "\(i).0")
            csv += "\(a),\(i * 2),\(c),x\(i % 3)\n"
        }
        let table = try parseCSV(csv)
        XCTAssertEqual(texts(table, "a"), (0..<500).map { $0 == 499 ? "late" : "\($0)" })
        XCTAssertEqual(numbers(table, "b"), (0..<500).map { Double($0 * 2) })
        XCTAssertEqual(texts(table, "c"), (0..<500).map { $0 == 250 ? "mid,dle" : ($0 % 7 == 0 ? nil : "\($0).0") })
        XCTAssertEqual(texts(table, "d"), (0..<500).map { "x\($0 % 3)" })
    }

    func testColumnTurningTextAfterQuotedMultiLineFields() throws {
        let table = try parseCSV("note,x\n\"line 1\nline 2\",1\n\"a,\"\"b\"\"\",2\nplain,three\n")
        XCTAssertEqual(texts(table, "note"), ["line 1\nline 2", "a,\"b\"", "plain"])
        XCTAssertEqual(texts(table, "x"), ["1", "2", "three"])
    }

    func testNonDecimalSpellingsAreText() throws {
        for spelling in ["Inf", "-Inf", "NaN", "nan", "inf", "0x1A", "1,5", "1 000", "1e", "--1", "1.2.3", "TRUE", "1e5.5"] {
            let table = try parseCSV("x;y\n1;\"\(spelling)\"\n", delimiter: UInt8(ascii: ";"))
            XCTAssertEqual(texts(table, "y"), [spelling], spelling)
        }
    }

    func testDecimalSpellingsAreNumbers() throws {
        let table = try parseCSV("x\n.5\n5.\n-0\n+1E+2\n1e-3\n\" 42 \"\n00012\n")
        XCTAssertEqual(numbers(table, "x"), [0.5, 5, 0, 100, 0.001, 42, 12])
        XCTAssertEqual(table.column(named: "x")?.number(at: 2)?.sign, .minus)
    }

    /// R's factor() order under en_US.UTF-8: case and accents matter only between otherwise equal texts.
    func testLevelsAreInRFactorOrder() throws {
        let table = try parseCSV("g\nb\na\nB\nab\n10\n9\né\n")
        guard case .text(let codes, let levels) = table.column(named: "g")?.data else {
            return XCTFail("expected text")
        }
        XCTAssertEqual(levels, ["10", "9", "a", "ab", "b", "B", "é"])
        XCTAssertEqual(codes, [4, 2, 5, 3, 0, 1, 6])
    }

    func testTextKeepsSurroundingSpacesButHeaderIsTrimmed() throws {
        let table = try parseCSV("  name  , \"q\" \na , b\n")
        XCTAssertEqual(table.columnNames, ["name", "q"])
        XCTAssertEqual(texts(table, "name"), ["a "])
        XCTAssertEqual(texts(table, "q"), [" b"])
    }

    func testQuotedFields() throws {
        let table = try parseCSV("a,b\n\"x, y\",\"he said \"\"no\"\"\"\n\"\",\"\"\"\"\n")
        XCTAssertEqual(texts(table, "a"), ["x, y", nil])
        XCTAssertEqual(texts(table, "b"), ["he said \"no\"", "\""])
    }

    func testQuoteInsideUnquotedFieldIsOrdinary() throws {
        let table = try parseCSV("a\n5\"\n")
        XCTAssertEqual(texts(table, "a"), ["5\""])
    }

    func testSpacesAfterClosingQuoteAreAllowed() throws {
        let table = try parseCSV("a,b\n\"x\"  ,2\n")
        XCTAssertEqual(texts(table, "a"), ["x"])
        XCTAssertEqual(numbers(table, "b"), [2])
    }

    func testLineEndingsGiveTheSameTable() throws {
        let lf = try parseCSV("a,b\n1,x\n2,y\n")
        XCTAssertEqual(try parseCSV("a,b\r\n1,x\r\n2,y\r\n"), lf)
        XCTAssertEqual(try parseCSV("a,b\r1,x\r2,y"), lf)
        XCTAssertEqual(try parseCSV("a,b\n1,x\n2,y"), lf)
        XCTAssertEqual(try parseCSV("a,b\n1,x\n2,y\n\n\r\n\n"), lf)
        XCTAssertEqual(try parseCSV("a,b\n\n1,x\n\n2,y\n"), lf)
    }

    func testByteOrderMarkIsDropped() throws {
        let table = try DelimitedTextReader.parse([0xEF, 0xBB, 0xBF] + Array("id,x\n1,2\n".utf8), name: "t")
        XCTAssertEqual(table.columnNames, ["id", "x"])
        XCTAssertEqual(table, try parseCSV("id,x\n1,2\n"))
    }

    func testHeaderOnlyGivesZeroRows() throws {
        for text in ["a,b", "a,b\n", "a,b\r\n\r\n"] {
            let table = try parseCSV(text)
            XCTAssertEqual(table.rowCount, 0)
            XCTAssertEqual(table.columnNames, ["a", "b"])
            XCTAssertEqual(table.columns.map(\.kind), [.number, .number])
        }
    }

    func testDelimiterIsSniffedFromHeader() throws {
        XCTAssertEqual(try parseCSV("a\tb\n1\t2,5\n").columnNames, ["a", "b"])
        XCTAssertEqual(try parseCSV("a;b\n1;2,5\n").columnNames, ["a", "b"])
        XCTAssertEqual(texts(try parseCSV("a;b\n1;2,5\n"), "b"), ["2,5"])
        // Delimiters inside a quoted header name do not count.
        XCTAssertEqual(try parseCSV("\"a;b;c\",d\n1,2\n").columnNames, ["a;b;c", "d"])
        // No delimiter at all: one column.
        XCTAssertEqual(try parseCSV("only\n1\n2\n").columnNames, ["only"])
    }

    func testExplicitDelimiterOverridesSniffing() throws {
        let table = try parseCSV("a,b\tc\n1,2\t3\n", delimiter: UInt8(ascii: "\t"))
        XCTAssertEqual(table.columnNames, ["a,b", "c"])
        XCTAssertEqual(texts(table, "a,b"), ["1,2"])
    }

    func testUnusableDelimitersAreRejected() {
        for delimiter in [UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), 0, 0xE9] {
            XCTAssertThrowsError(try parseCSV("a\n1\n", delimiter: delimiter)) { error in
                XCTAssertEqual((error as? DataError)?.message, "byte \(delimiter) cannot be a delimiter")
            }
        }
        XCTAssertEqual(try parseCSV("a|b\n1|2\n", delimiter: UInt8(ascii: "|")).columnNames, ["a", "b"])
    }

    func testHeaderNamesNeedNotBeIdentifiers() throws {
        let table = try parseCSV("wt loss,ph.ecog,2nd,_x\n1,2,3,4\n")
        XCTAssertEqual(table.columnNames, ["wt loss", "ph.ecog", "2nd", "_x"])
        XCTAssertEqual(table.columns.map(\.hasIdentifierName), [false, true, false, true])
    }

    func testUnicodeText() throws {
        let table = try parseCSV("pays,n\nFrançais,1\n日本,2\n🙂,3\n")
        XCTAssertEqual(texts(table, "pays"), ["Français", "日本", "🙂"])
    }

    func testHundredKilobyteField() throws {
        let long = String(repeating: "abc,\"\n", count: 20_000)
        let escaped = long.replacingOccurrences(of: "\"", with: "\"\"")
        let table = try parseCSV("big,n\n\"\(escaped)\",1\n")
        XCTAssertEqual(texts(table, "big"), [long])
        XCTAssertEqual(long.utf8.count, 120_000)
    }

    func testRawBufferOverloadMatches() throws {
        let bytes = Array("a,b\n1,x\n".utf8)
        let viaRaw = try bytes.withUnsafeBytes { try DelimitedTextReader.parse($0, name: "t") }
        XCTAssertEqual(viaRaw, try DelimitedTextReader.parse(bytes, name: "t"))
    }

    // Finding each column by a linear search made this quadratic: over a minute for 100,000 columns.
    func testHundredThousandColumnsLoadInLinearTime() throws {
        let count = 100_000
        let header = (0..<count).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<count).map { "\($0)" }.joined(separator: ",")
        let csv = try temporaryFile(named: "wide.csv", contents: Array("\(header)\n\(row)\n\(row)\n".utf8))
        let table = try DelimitedTextReader.read(path: csv)
        XCTAssertEqual(table.columns.count, count)
        XCTAssertEqual(table.rowCount, 2)
        XCTAssertEqual(numbers(table, "c99999"), [99_999, 99_999])
        XCTAssertEqual(table.columnNames.last, "c99999")
        XCTAssertNil(table.column(named: "c100000"))
    }

    func testReadsFilesNamedAfterTheirStem() throws {
        let csv = try temporaryFile(named: "cohort.v2.csv", contents: Array("a,b\n1,2\n".utf8))
        let table = try DelimitedTextReader.read(path: csv)
        XCTAssertEqual(table.name, "cohort.v2")
        XCTAssertEqual(numbers(table, "b"), [2])
    }

    func testTSVExtensionForcesTab() throws {
        // The header has more commas than tabs, but the extension decides.
        let path = try temporaryFile(named: "t.TSV", contents: Array("a,b,c\td\n1,2,3\t4\n".utf8))
        let table = try DelimitedTextReader.read(path: path)
        XCTAssertEqual(table.name, "t")
        XCTAssertEqual(table.columnNames, ["a,b,c", "d"])
        let tab = try temporaryFile(named: "u.tab", contents: Array("a,b\tc\n1\t2\n".utf8))
        XCTAssertEqual(try DelimitedTextReader.read(path: tab).columnNames, ["a,b", "c"])
    }

    func testMissingFileAndDirectoryAreErrors() throws {
        XCTAssertThrowsError(try DelimitedTextReader.read(path: "/nonexistent/surv/x.csv")) { error in
            XCTAssertEqual((error as? DataError)?.message, "cannot read '/nonexistent/surv/x.csv': No such file or directory")
        }
        XCTAssertThrowsError(try DelimitedTextReader.read(path: "/tmp")) { error in
            XCTAssertEqual((error as? DataError)?.message, "'/tmp' is not a regular file")
        }
    }

    func testEmptyFileOnDisk() throws {
        let path = try temporaryFile(named: "empty.csv", contents: [])
        XCTAssertThrowsError(try DelimitedTextReader.read(path: path)) { error in
            XCTAssertEqual((error as? DataError)?.message, "the file is empty")
        }
    }

    /// A random table written as CSV (numbers in Swift's shortest round-trip spelling, text with
    /// delimiters, quotes and line breaks) reads back to exactly the same values.
    func testRandomTableRoundTrips() throws {
        var rng = SystemRandomNumberGenerator()
        let rows = 2000
        let pieces = ["a", "b", "c,d", "e\"f", "g\nh", " i", "j ", "ü", "NAX", "x\r\ny"]
        var numberCells: [[Double?]] = Array(repeating: [], count: 3)
        var textCells: [String?] = []
        var csv = "n0,n1,n2,label\r\n"
        for _ in 0..<rows {
            var line: [String] = []
            for k in 0..<3 {
                let value: Double?
                if Int.random(in: 0..<10, using: &rng) == 0 {
                    value = nil
                } else if k == 0 {
                    // Any finite double, subnormals included, either sign.
                    value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng) & 0xFFEF_FFFF_FFFF_FFFF)
                } else if k == 1 {
                    value = (Double.random(in: -1000...1000, using: &rng) * 1000).rounded() / 1000
                } else {
                    value = Double(Int.random(in: -100_000...100_000, using: &rng))
                }
                let finite = value
                numberCells[k].append(finite)
                line.append(finite.map { "\($0)" } ?? (Bool.random(using: &rng) ? "NA" : ""))
            }
            let text: String? = Int.random(in: 0..<8, using: &rng) == 0 ? nil
                : (0..<Int.random(in: 1...3, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            textCells.append(text)
            line.append(text.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? "NA")
            csv += line.joined(separator: ",") + "\r\n"
        }
        let table = try parseCSV(csv)
        XCTAssertEqual(table.rowCount, rows)
        for k in 0..<3 {
            let read = numbers(table, "n\(k)")
            XCTAssertEqual(read.map { $0?.bitPattern }, numberCells[k].map { $0?.bitPattern }, "n\(k)")
        }
        XCTAssertEqual(texts(table, "label"), textCells)
    }
}
