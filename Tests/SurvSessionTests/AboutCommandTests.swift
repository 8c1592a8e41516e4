import XCTest
import SurvData
import SurvRender
import SurvResults
@testable import SurvSession

/// `about` describes a bundled data set: its description, declared endpoints and data dictionary.
final class AboutCommandTests: XCTestCase {
    private func report(_ session: Session, _ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Report? {
        guard let outcome = session.run(line: line).last else { XCTFail("no outcome", file: file, line: number); return nil }
        switch outcome.result {
        case .success(let report): return report
        case .failure(let diagnostic): XCTFail("\(line): \(diagnostic.message)", file: file, line: number); return nil
        }
    }

    private func text(_ session: Session, _ line: String) -> String {
        report(session, line).map { TextRenderer().render($0) } ?? ""
    }

    func testAboutGraallGivesProvenanceAndTheDictionary() throws {
        let session = Session()
        guard case .about(let about)? = report(session, "about graall") else { return XCTFail("not an about report") }
        XCTAssertEqual(about.dataset, "graall")
        XCTAssertTrue(about.about.hasPrefix("SYNTHETIC"), about.about)
        XCTAssertEqual(about.endpoints.map(\.name), ["os", "rfs"])
        XCTAssertEqual(about.dictionary, BundledDatasets.dictionary("graall"))
        let printed = TextRenderer().render(.about(about))
        XCTAssertTrue(printed.hasPrefix("graall: SYNTHETIC"), printed)
        XCTAssertTrue(printed.contains("endpoints declared on load: os = Surv(os_months, os_event), rfs = Surv(rfs_months, rfs_event)"))
        XCTAssertTrue(printed.contains("not real patients"))
        XCTAssertTrue(printed.contains("`mrd_class4`"))
    }

    func testAboutWithoutANameDescribesTheBundledDataSetLoaded() {
        let session = Session()
        guard case .failure = session.run(line: "about").first?.result else { return XCTFail("about with nothing loaded") }
        _ = text(session, "load aml")
        XCTAssertEqual(text(session, "about"), "aml: " + (BundledDatasets.about("aml") ?? ""))
    }

    func testAboutAFileIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("about-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("time,status\n1,1\n2,0\n".utf8).write(to: folder.appendingPathComponent("aml.csv"))
        let session = Session(baseDirectory: folder)
        _ = text(session, "load \"aml.csv\"")
        guard case .failure(let diagnostic)? = session.run(line: "about").first?.result else { return XCTFail("about a file") }
        XCTAssertEqual(diagnostic.message, "the data in use were not loaded from a bundled dataset")
    }

    func testAboutAnUnknownNameSuggestsOne() {
        guard case .failure(let diagnostic)? = Session().run(line: "about graal").first?.result else { return XCTFail() }
        XCTAssertEqual(diagnostic.message, "no bundled dataset named 'graal'")
        XCTAssertEqual(diagnostic.hint, "did you mean 'graall'?")
    }

    func testAboutAsJSON() {
        guard let about = report(Session(), "about graall") else { return }
        let line = JSONRenderer.line(command: "about graall", line: 1, report: about)
        XCTAssertTrue(line.contains("\"kind\":\"about\""), line)
        XCTAssertTrue(line.contains("\"endpoints\":[{\"name\":\"os\",\"time\":\"os_months\",\"event\":\"os_event\"}"), line)
        let plain = JSONRenderer.line(command: "about aml", line: 1, report: report(Session(), "about aml") ?? .message(""))
        XCTAssertTrue(plain.contains("\"endpoints\":[],\"dictionary\":null"), plain)
    }
}
