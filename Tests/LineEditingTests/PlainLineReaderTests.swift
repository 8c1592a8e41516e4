import Foundation
import XCTest
@testable import LineEditing

final class PlainLineReaderTests: XCTestCase {
    private func reader(_ bytes: [UInt8]) throws -> PlainLineReader {
        var descriptors: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&descriptors), 0)
        let writer = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
        // Written from another thread: the pipe holds only 64 KiB.
        Thread { writer.write(Data(bytes)); try? writer.close() }.start()
        return PlainLineReader(descriptor: descriptors[0])
    }

    func testLinesEndAtLineFeedsWithOrWithoutCarriageReturns() throws {
        let r = try reader(Array("load aml\r\nkm\n\nlast".utf8))
        XCTAssertEqual(r.readLine(prompt: ""), .line("load aml"))
        XCTAssertEqual(r.readLine(prompt: ""), .line("km"))
        XCTAssertEqual(r.readLine(prompt: ""), .line(""))
        XCTAssertEqual(r.readLine(prompt: ""), .line("last"))
        XCTAssertEqual(r.readLine(prompt: ""), .endOfFile)
    }

    /// `surv < /dev/zero` or a file without line breaks: the long line is skipped whole, in bounded memory,
    /// and the lines after it still run.
    func testAnOverlongLineIsSkippedWhole() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * PlainLineReader.maximumLineBytes + 5)
        let r = try reader(Array("before\n".utf8) + long + Array("\nafter\n".utf8) + long)
        XCTAssertEqual(r.readLine(prompt: ""), .line("before"))
        XCTAssertEqual(r.readLine(prompt: ""), .tooLong(bytes: long.count))
        XCTAssertEqual(r.readLine(prompt: ""), .line("after"))
        XCTAssertEqual(r.readLine(prompt: ""), .tooLong(bytes: long.count))
        XCTAssertEqual(r.readLine(prompt: ""), .endOfFile)
    }
}
