import XCTest
@testable import SurvData

/// A corpus of broken files: each must fail with a located, explained error — never a trap.
final class MalformedCSVTests: XCTestCase {
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    func testZeroByteFile() {
        XCTAssertDataError([], message: "the file is empty", line: 1, column: nil)
    }

    func testByteOrderMarkOnly() {
        XCTAssertDataError(bom, message: "the file is empty", line: 1, column: nil)
    }

    func testBlankLinesOnly() {
        XCTAssertDataError("\n\r\n\n", message: "the file is empty", line: 1, column: nil)
    }

    func testRowWithTooFewFields() {
        XCTAssertDataError("a,b,c\n1,2,3\n4,5\n", message: "expected 3 fields (as in the header), found 2",
                           line: 3, column: 4)
    }

    func testRowWithTooFewFieldsAtEndWithoutNewline() {
        XCTAssertDataError("a,b,c\n1,2,3\n4,5", message: "expected 3 fields (as in the header), found 2",
                           line: 3, column: 4)
    }

    /// A row of millions of empty fields is refused with its true count, holding only the header's worth.
    func testRowWithMillionsOfFieldsIsCountedNotStored() throws {
        let row = [UInt8](repeating: UInt8(ascii: ","), count: 3_000_000)
        let bytes = Array("a,b\n1,2\n".utf8) + row + [UInt8(ascii: "\n")]
        let scanner = RecordScannerProbe(bytes)
        XCTAssertEqual(scanner.storedFields, 3, "a limit of 3 keeps 3 of the 3,000,001 fields")
        XCTAssertDataError(bytes, message: "expected 2 fields (as in the header), found 3000001", line: 3, column: 3)
    }

    func testHeaderWithMoreThanAMillionColumnsIsRefused() {
        let header = [UInt8](repeating: UInt8(ascii: ","), count: 1_000_001)
        XCTAssertDataError(header + [UInt8(ascii: "\n")], message: "the header names more than 1000000 columns", line: 1, column: nil)
    }

    func testRowWithTooManyFields() {
        XCTAssertDataError("a,b\n1,2\n3,4,5\n", message: "expected 2 fields (as in the header), found 3",
                           line: 3, column: 5)
    }

    func testRaggedRowWithCRLF() {
        XCTAssertDataError("a,b\r\n1,2\r\n3\r\n", message: "expected 2 fields (as in the header), found 1",
                           line: 3, column: 2)
    }

    func testRaggedRowWithLoneCarriageReturns() {
        XCTAssertDataError("a,b\r1,2\r3\r", message: "expected 2 fields (as in the header), found 1",
                           line: 3, column: 2)
    }

    func testRaggedRowAfterMultiLineQuotedField() {
        // The quoted field spans lines 2 and 3, so the short record is on line 4.
        XCTAssertDataError("a,b\n\"x\ny\",2\n3\n", message: "expected 2 fields (as in the header), found 1",
                           line: 4, column: 2)
    }

    func testRaggedRowAfterByteOrderMark() {
        XCTAssertDataError(bom + Array("a,b\n1\n".utf8), message: "expected 2 fields (as in the header), found 1",
                           line: 2, column: 2)
    }

    func testUnterminatedQuoteReportsWhereItOpened() {
        XCTAssertDataError("a,b\n1,\"open\n2,3\n", message: "the quoted field that opens here is never closed",
                           line: 2, column: 3)
    }

    func testUnterminatedQuoteInHeader() {
        XCTAssertDataError("\"a,b\n1,2\n", message: "the quoted field that opens here is never closed",
                           line: 1, column: 1)
    }

    func testUnterminated100kBQuotedField() {
        let text = "a,b\n1,2\n3,\"" + String(repeating: "x", count: 100_000)
        XCTAssertDataError(text, message: "the quoted field that opens here is never closed", line: 3, column: 3)
    }

    func testTextAfterClosingQuote() {
        XCTAssertDataError("a,b\n\"x\"y,2\n", message: "unexpected character 'y' after a closing quote",
                           line: 2, column: 4)
    }

    func testNonASCIIAfterClosingQuote() {
        XCTAssertDataError("a\n\"x\"é\n", message: "unexpected character byte 0xC3 after a closing quote",
                           line: 2, column: 4)
    }

    func testDuplicateHeaderNames() {
        XCTAssertDataError("a,b,a\n1,2,3\n", message: "duplicate column name 'a' (fields 1 and 3 of the header)",
                           line: 1, column: 5)
    }

    func testDuplicateHeaderNamesAfterTrimming() {
        XCTAssertDataError("age, age\n1,2\n", message: "duplicate column name 'age' (fields 1 and 2 of the header)",
                           line: 1, column: 5)
    }

    func testDuplicateQuotedHeaderNames() {
        XCTAssertDataError("\"x\",x\n1,2\n", message: "duplicate column name 'x' (fields 1 and 2 of the header)",
                           line: 1, column: 5)
    }

    func testEmptyHeaderName() {
        XCTAssertDataError("a,,c\n1,2,3\n", message: "field 2 of the header has no name", line: 1, column: 3)
    }

    func testBlankHeaderNameAfterByteOrderMark() {
        XCTAssertDataError(bom + Array("a,  \n1,2\n".utf8), message: "field 2 of the header has no name",
                           line: 1, column: 3)
    }

    func testTrailingDelimiterInHeader() {
        XCTAssertDataError("a,b,\n1,2,\n", message: "field 3 of the header has no name", line: 1, column: 5)
    }

    func testNulByte() {
        XCTAssertDataError(Array("a,b\n1,".utf8) + [0, 10], message: "binary byte 0x00 in text", line: 2, column: 3)
    }

    func testControlByteInsideQuotedField() {
        XCTAssertDataError(Array("a\n\"x".utf8) + [1] + Array("\"\n".utf8), message: "binary byte 0x01 in text",
                           line: 2, column: 3)
    }

    func testBinaryFile() {
        // The start of a gzip stream.
        XCTAssertDataError([0x1F, 0x8B, 0x08, 0x00], message: "binary byte 0x1F in text", line: 1, column: 1)
    }

    func testLatin1Byte() {
        XCTAssertDataError(Array("a,b\n1,caf".utf8) + [0xE9, 10], message: "invalid UTF-8 (byte 0xE9)",
                           line: 2, column: 6)
    }

    func testOverlongUTF8() {
        XCTAssertDataError(Array("a\n".utf8) + [0xC0, 0xAF, 10], message: "invalid UTF-8 (byte 0xC0)",
                           line: 2, column: 1)
    }

    func testEncodedSurrogate() {
        XCTAssertDataError(Array("a\nxy".utf8) + [0xED, 0xA0, 0x80], message: "invalid UTF-8 (byte 0xED)",
                           line: 2, column: 3)
    }

    func testTruncatedUTF8AtEndOfFile() {
        XCTAssertDataError(Array("a\n".utf8) + [0xE2, 0x82], message: "invalid UTF-8 (byte 0xE2)",
                           line: 2, column: 1)
    }

    func testStrayContinuationByteInHeader() {
        XCTAssertDataError(Array("ab".utf8) + [0x80] + Array("\n1\n".utf8), message: "invalid UTF-8 (byte 0x80)",
                           line: 1, column: 3)
    }

    func testNumberOutOfRange() {
        XCTAssertDataError("a,b\n1,2\n3,1e400\n", message: "the number 1e400 is out of range", line: 3, column: 3)
        // A number of a million digits is named by its start and its length, not echoed whole.
        let huge = "9" + String(repeating: "0", count: 1_000_000)
        XCTAssertDataError("a,b\n1,2\n3,\(huge)\n", message: "the number 900000000000000000000000… (1000001 characters) is out of range",
                           line: 3, column: 3)
    }

    func testErrorDescriptionCarriesPositionAndHint() {
        do {
            _ = try parseCSV("a,b\n1\n")
            XCTFail("expected an error")
        } catch let error as DataError {
            XCTAssertEqual(error.description,
                           "line 2, column 2: expected 2 fields (as in the header), found 1 (each row needs one value per column; leave a cell empty or write NA when missing)")
        } catch {
            XCTFail("\(error)")
        }
    }

    /// Random bytes and random damage to a valid file: every outcome is a table or a `DataError`.
    func testRandomBytesNeverTrap() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("a1,;\t\"\n\r .eE-+N".utf8) + [0, 0x80, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF, 0xFF]
        let valid = Array("id,time,arm\n1,2.5,\"A, b\"\n2,NA,\"say \"\"hi\"\"\"\r\n3,1e3,é\n".utf8)
        var outcomes = (tables: 0, errors: 0)
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
            } else {
                bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet.randomElement(using: &rng) ?? 0, at: at)
                    }
                }
            }
            do {
                let table = try DelimitedTextReader.parse(bytes, name: "fuzz")
                XCTAssertTrue(table.columns.allSatisfy { $0.count == table.rowCount })
                outcomes.tables += 1
            } catch let error as DataError {
                if let line = error.line { XCTAssertGreaterThanOrEqual(line, 1) }
                if let column = error.column { XCTAssertGreaterThanOrEqual(column, 1) }
                outcomes.errors += 1
            } catch {
                XCTFail("unexpected error type \(error)")
            }
        }
        XCTAssertGreaterThan(outcomes.tables, 0)
        XCTAssertGreaterThan(outcomes.errors, 0)
    }
}

/// Scans the first data record the way the parser does, to see how many fields it keeps.
private struct RecordScannerProbe {
    var storedFields = 0
    init(_ bytes: [UInt8]) {
        storedFields = bytes.withUnsafeBufferPointer { buffer -> Int in
            var scanner = RecordScanner(bytes: buffer, delimiter: UInt8(ascii: ","), start: 0)
            var fields: [FieldSpan] = []
            _ = try? scanner.nextRecord(&fields)  // the header
            scanner.fieldLimit = 3
            _ = try? scanner.nextRecord(&fields)
            _ = try? scanner.nextRecord(&fields)
            return fields.count
        }
    }
}
