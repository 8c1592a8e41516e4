import Foundation
import XCTest
@testable import SurvNotebook

/// SHA-256 against the system's `sha256sum` on inputs around every padding boundary and on a file
/// larger than the read chunk.
final class SHA256Tests: XCTestCase {
    private func systemDigest(of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("sha256sum is not available") }
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    func testMatchesSha256sumAcrossPaddingBoundaries() throws {
        let folder = try makeTemporaryFolder(self)
        var generator = SplitMix(seed: 42)
        let lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096]
        for length in lengths {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let url = folder.appendingPathComponent("input-\(length)")
            try Data(bytes).write(to: url)
            let expected = try systemDigest(of: url)
            XCTAssertEqual(SHA256.hex(of: bytes), expected, "length \(length)")
            XCTAssertEqual(try SHA256.hex(ofFileAt: url), expected, "file of length \(length)")
        }
    }

    func testLargeFileReadInChunksMatchesSha256sum() throws {
        let folder = try makeTemporaryFolder(self)
        var generator = SplitMix(seed: 7)
        let bytes = (0..<(3 << 20) + 17).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let url = folder.appendingPathComponent("large")
        try Data(bytes).write(to: url)
        XCTAssertEqual(try SHA256.hex(ofFileAt: url), try systemDigest(of: url))
    }

    func testIncrementalUpdatesEqualOneShot() {
        let bytes = Array("The quick brown fox jumps over the lazy dog, again and again and again.".utf8)
        var hasher = SHA256()
        hasher.update(Array(bytes[0..<5]))
        hasher.update(Array(bytes[5..<70]))
        hasher.update(Array(bytes[70...]))
        XCTAssertEqual(hasher.finalizeHex(), SHA256.hex(of: bytes))
    }
}

/// A small deterministic generator, so test inputs are the same on every run.
struct SplitMix {
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
