import Foundation
import SurvData
import SurvLanguage
import SurvSession
import XCTest
@testable import SurvNotebook

/// Every example in docs/language.md and every `example:` of `help` runs as printed (the rules for the
/// documentation's blocks are in DocumentationExamples.swift). It lives with the notebook tests because
/// `save`, `open` and `recover` need the notebook files a real session has.
final class DocumentationExamplesTests: XCTestCase {
    /// A folder as the examples expect to find it: `data/cohort.csv` for `load "data/cohort.csv"`, and
    /// `data/trial.dta`. The
    /// examples run in it in order, so a notebook an earlier example saves is there for a later `open`.
    private func exampleFolder() throws -> URL {
        let folder = try makeTemporaryFolder(self)
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try write("time,status,age\n5,1,60\n8,0,71\n12,1,54\n20,0,66\n", to: data.appendingPathComponent("cohort.csv"))
        // A Stata trial with value labels and dates (written by R's haven: Tests/StatFiles/make_stat_files.R).
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/StatFiles/trial.dta"),
                                         to: data.appendingPathComponent("trial.dta"))
        return folder
    }

    /// A session in `folder` as the REPL makes one; when the example recovers a session, an earlier one
    /// that ended unsaved is waiting in the journal folder.
    private func session(in folder: URL, recovering: Bool) throws -> Session {
        let journals = folder.appendingPathComponent("journals")
        if recovering {
            var crashed: SessionJournal? = try XCTUnwrap(SessionJournal.start(in: journals).journal)
            let earlier = makeSession(in: folder)
            type(["load aml", "endpoint time, status", "km"], in: earlier)
            crashed?.record(earlier)
            crashed = nil
        }
        let session = Session(baseDirectory: folder)
        session.notebookFiles = NotebookFiles(survVersion: testVersion, unsavedJournals: SessionJournal.start(in: journals).unsaved)
        session.figureFiles = SVGFigureFiles()
        return session
    }

    /// Runs one line; returns what it printed and whether any command on it failed.
    private func run(_ line: String, in session: Session) -> (text: String, failed: Bool) {
        let outcomes = session.runAndRender(line: line)
        return (outcomes.map(\.text).joined(separator: "\n"), outcomes.contains { $0.failed })
    }

    func testEveryBundledDataSetHasAnEndpointForExamples() {
        XCTAssertEqual(Set(DocumentationExample.endpoints.keys), Set(BundledDatasets.names))
    }

    func testEveryLanguageReferenceExampleRuns() throws {
        let markdown = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let (examples, problems) = DocumentationExample.extract(from: markdown)
        XCTAssertEqual(problems, [])
        XCTAssertGreaterThanOrEqual(examples.count, 27, "docs/language.md has an example for every command")
        let folder = try exampleFolder()
        for example in examples {
            let where_ = "docs/language.md:\(example.line)"
            let session = try session(in: folder, recovering: example.commands.contains { $0.hasPrefix("recover") })
            for line in DocumentationExample.defaultSetup {
                XCTAssertFalse(run(line, in: session).failed, "\(where_): setup \(line)")
            }
            for command in example.commands {
                for line in DocumentationExample.context(of: command) ?? [] {
                    let setup = run(line, in: session)
                    XCTAssertFalse(setup.failed, "\(where_): \(line) (set up for '\(command)') failed:\n\(setup.text)")
                }
                let result = run(command, in: session)
                switch example.kind {
                case .commands, .output:
                    XCTAssertFalse(result.failed, "\(where_): '\(command)' failed:\n\(result.text)")
                case .error:
                    XCTAssertTrue(result.failed, "\(where_): '\(command)' is shown failing, but printed:\n\(result.text)")
                }
                if example.kind != .commands {
                    XCTAssertTrue(DocumentationExample.isExcerpt(example.shown, of: result.text),
                                  "\(where_): '\(command)' prints\n\(result.text)\nwhich does not hold, in order, the lines shown:\n\(example.shown.joined(separator: "\n"))")
                }
            }
        }
    }

    /// Each `example:` of `help COMMAND` runs in a fresh session on `lung` with its endpoint declared (an
    /// example that loads data loads its own), in the catalog's order in one folder, so `open` finds the
    /// notebook `save` wrote.
    func testEveryHelpExampleRuns() throws {
        let folder = try exampleFolder()
        for entry in CommandCatalog.entries {
            let session = try session(in: folder, recovering: entry.example.hasPrefix("recover"))
            if !entry.example.hasPrefix("load") {
                for line in DocumentationExample.defaultSetup { _ = run(line, in: session) }
            }
            let result = run(entry.example, in: session)
            XCTAssertFalse(result.failed, "help \(entry.name): example '\(entry.example)' failed:\n\(result.text)")
        }
    }

    func testTheExtractionRules() {
        let markdown = "text\n```surv\nkm\n\ncox age   # on pbc\n```\n```surv-output\nkm   # on aml, stratified by x\na\nb\n```\n```\nx\n```\n"
        let (examples, problems) = DocumentationExample.extract(from: markdown)
        XCTAssertEqual(examples.map(\.commands), [["km", "cox age   # on pbc"], ["km   # on aml, stratified by x"]])
        XCTAssertEqual(examples.map(\.line), [3, 8])
        XCTAssertEqual(examples[1].shown, ["a", "b"])
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(DocumentationExample.context(of: "cox age   # on pbc"), ["load pbc", "endpoint time, dead"])
        XCTAssertEqual(DocumentationExample.context(of: "km   # on aml, stratified by x"), ["load aml", "endpoint time, status", "stratify by x"])
        XCTAssertNil(DocumentationExample.context(of: "cox age * sex   # age + sex + age:sex"))
        XCTAssertEqual(DocumentationExample.context(of: "set ref sex \"f\"   # on pbc: text in quotes"), ["load pbc", "endpoint time, dead"])
        XCTAssertTrue(DocumentationExample.isExcerpt(["b", "d  "], of: "a\nb\nc\nd"))
        XCTAssertFalse(DocumentationExample.isExcerpt(["d", "b"], of: "a\nb\nc\nd"))
    }
}
