import Foundation
import SurvSession
import XCTest
@testable import SurvNotebook

/// A fresh folder under the system's temporary directory, removed when the test ends.
func makeTemporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("surv-notebook-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.resolvingSymlinksInPath()
}

/// The repository's root folder (this file is Tests/SurvNotebookTests/TestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let testVersion = "0.1.0"

/// A session working in `folder`, able to save notebooks, as the REPL sets one up.
func makeSession(in folder: URL) -> Session {
    let session = Session(baseDirectory: folder)
    session.notebookFiles = NotebookFiles(survVersion: testVersion)
    session.figureFiles = SVGFigureFiles()
    return session
}

/// Runs lines in a session as the REPL does; returns the printed texts.
@discardableResult
func type(_ lines: [String], in session: Session) -> [String] {
    lines.flatMap { session.runAndRender(line: $0).map(\.text) }
}

func parse(_ text: String) throws -> (notebook: Notebook, problems: [NotebookProblem]) {
    NotebookParser.parse(try NotebookSource(bytes: Array(text.utf8)))
}

func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

func read(_ url: URL) throws -> String {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
}
