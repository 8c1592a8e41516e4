import Foundation
import XCTest
@testable import SurvData

/// Files that are cut short, lie about their format or their size, or hold invalid text: each gives one
/// `DataError` with a hint, never a crash, a hang or a half-read table. The damaged files are made here from
/// the fixtures, so every case is reproducible from the committed files.
final class HostileStatFileTests: XCTestCase {
    private func assertRefused(_ bytes: [UInt8], as fileName: String, containing words: String? = nil,
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            let table = try StatFileReader.read(bytes: bytes, fileName: fileName)
            XCTFail("read \(table.rowCount) rows from a damaged \(fileName)", file: file, line: line)
        } catch let error as DataError {
            if let words { XCTAssertTrue(error.message.contains(words), error.message, file: file, line: line) }
            XCTAssertNotNil(error.hint, "a hint for: \(error.message)", file: file, line: line)
        } catch {
            XCTFail("not a DataError: \(error)", file: file, line: line)
        }
    }

    func testEveryTruncationOfEveryFormatIsRefusedOrReadWhole() throws {
        for name in ["cohort.dta", "cohort_v8.dta", "cohort.sav", "cohort.zsav", "cohort.por", "cohort.xpt", "cohort.sas7bdat"] {
            let bytes = try StatFiles.bytes(name)
            let whole = try StatFileReader.read(bytes: bytes, fileName: name)
            for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) {
                do {
                    let table = try StatFileReader.read(bytes: Array(bytes.prefix(length)), fileName: name)
                    // Some formats end with optional parts (a Stata file's value labels come last): a cut there may
                    // still hold every row. A SAS transport file declares no row count, so a cut exactly between
                    // two of its 80-byte records cannot be told from a shorter file.
                    if name.hasSuffix(".xpt"), length % 80 == 0 { continue }
                    XCTAssertEqual(table.rowCount, whole.rowCount, "\(name) cut at \(length)")
                    XCTAssertEqual(table.columnNames, whole.columnNames, "\(name) cut at \(length)")
                } catch let error as DataError {
                    XCTAssertNotNil(error.hint, "\(name) cut at \(length): \(error.message)")
                }
            }
        }
    }

    func testAFileThatIsNotOfItsFormatIsRefused() throws {
        let csv = Array("id,age\n1,60\n2,70\n".utf8)
        assertRefused(csv, as: "cohort.dta", containing: "not a Stata file")
        assertRefused(csv, as: "cohort.sav", containing: "not an SPSS file")
        assertRefused(csv, as: "cohort.sas7bdat", containing: "not a SAS file")
        assertRefused([], as: "empty.dta")
        // A Stata file named as an SPSS one.
        assertRefused(try StatFiles.bytes("cohort.dta"), as: "cohort.sav")
    }

    func testRandomBytesAreRefused() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0..<4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for name in ["r.dta", "r.sav", "r.por", "r.sas7bdat", "r.xpt"] {
                _ = try? StatFileReader.read(bytes: bytes, fileName: name)
            }
        }
    }

    /// Stata 14+ files (format 118) give the row count as 8 bytes after `<N>`.
    func testAHeaderClaimingAHugeRowCountIsRefusedBeforeAnythingIsAllocated() throws {
        var bytes = try StatFiles.bytes("cohort.dta")
        let marker = Array("<N>".utf8)
        let position = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: marker) }) + marker.count
        for (i, byte) in withUnsafeBytes(of: UInt64(1 << 40).littleEndian, Array.init).enumerated() { bytes[position + i] = byte }
        assertRefused(bytes, as: "cohort.dta", containing: "rows")
    }

    func testALabelThatIsNotUTF8IsRefused() throws {
        var bytes = try StatFiles.bytes("cohort.dta")
        let label = Array("Treatment arm".utf8)
        let position = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: label) })
        bytes[position + 3] = 0xFF
        assertRefused(bytes, as: "cohort.dta", containing: "UTF-8")
    }

    func testAValueLabelThatIsNotUTF8IsRefused() throws {
        var bytes = try StatFiles.bytes("cohort.dta")
        let label = Array("High dose".utf8)
        // The last occurrence: the value-label table at the end of the file.
        let position = try XCTUnwrap(bytes.indices.last { bytes[$0...].starts(with: label) })
        bytes[position] = 0xC3
        bytes[position + 1] = 0x28
        assertRefused(bytes, as: "cohort.dta", containing: "UTF-8")
    }
}
