import Foundation
import XCTest
@testable import SurvNotebook

/// A written figure is a real SVG: librsvg (what many tools embed) draws it to a picture of its size.
final class SVGRenderingTests: XCTestCase {
    func testAWrittenFigureRendersWithLibrsvg() throws {
        guard let rsvg = ["/usr/bin/rsvg-convert"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("rsvg-convert is not installed (apt-get install librsvg2-bin)")
        }
        let folder = try makeTemporaryFolder(self)
        let session = makeSession(in: folder)
        let outcomes = session.runAndRender(line: "load aml; endpoint time, status; stratify by x; plot km ci to \"km.svg\"")
        XCTAssertFalse(outcomes.contains { $0.failed }, outcomes.map(\.text).joined(separator: "\n"))
        let svg = folder.appendingPathComponent("km.svg")
        let png = folder.appendingPathComponent("km.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rsvg)
        process.arguments = ["-b", "white", svg.path, "-o", png.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let data = try Data(contentsOf: png)
        XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG file")
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(width, 720)
        XCTAssertGreaterThan(data.count, 10_000, "the picture has content")
    }
}
