import Foundation
import XCTest
@testable import SurvNotebook

final class HTMLExportTests: XCTestCase {
    private func exampleNotebook() throws -> Notebook {
        let url = repositoryRoot.appendingPathComponent("examples/aml-maintenance.surv.md")
        let (notebook, problems) = NotebookParser.parse(try NotebookSource.read(url))
        XCTAssertEqual(problems, [])
        return notebook
    }

    func testPageIsStandaloneWithProseRenderedAndOutputsEscaped() throws {
        let (notebook, _) = try parse("""
        ---
        title: "A <b>bold</b> title"
        ---

        ## Heading with *emphasis*

        ```surv
        help
        ```

        ```output
        x < y && z > "w"
        ```
        """)
        let page = HTMLExporter.render(notebook, fallbackTitle: "file")
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<title>A &lt;b&gt;bold&lt;/b&gt; title</title>"))
        XCTAssertTrue(page.contains("<h2>Heading with <em>emphasis</em></h2>"), page)
        XCTAssertTrue(page.contains("x &lt; y &amp;&amp; z &gt; &quot;w&quot;"))
        XCTAssertTrue(page.contains("<span class=\"prompt\">surv&gt; </span>help"))
        XCTAssertTrue(page.contains("default-src 'none'"), "scripts and outside resources are forbidden")
        XCTAssertFalse(page.contains("http://") || page.contains("https://"), "nothing is fetched from the network")
        XCTAssertFalse(page.contains("<script"))
    }

    func testExampleExportRendersInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("headless Chromium is not installed (apt-get install chromium)")
        }
        let folder = try makeTemporaryFolder(self)
        let html = folder.appendingPathComponent("aml.html")
        let png = folder.appendingPathComponent("aml.png")
        try Data(HTMLExporter.render(try exampleNotebook(), fallbackTitle: "aml").utf8).write(to: html)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--screenshot=\(png.path)", "--window-size=1100,1600", html.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning { process.terminate(); XCTFail("Chromium did not finish in 90 s"); return }

        let data = try Data(contentsOf: png)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        // The IHDR chunk gives the size; a rendered page of text compresses far less than a blank one.
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(width, 1100)
        XCTAssertEqual(height, 1600)
        XCTAssertGreaterThan(data.count, 40_000, "the screenshot shows content, not an empty page")
        if let keep = ProcessInfo.processInfo.environment["SURV_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
    }
}
