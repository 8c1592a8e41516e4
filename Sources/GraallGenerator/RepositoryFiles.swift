import Foundation

/// The files the generator reads and writes, found from this source file's place in the repository so
/// that it works from any folder.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let folder = root.appendingPathComponent("examples/graall")
    static let targets = folder.appendingPathComponent("graall-targets.csv")
    static let cohort = folder.appendingPathComponent("graall-SYNTHETIC.csv")
    static let dictionary = folder.appendingPathComponent("DICTIONARY.md")
    static let bundled = root.appendingPathComponent("Sources/SurvData/Bundled/BundledGraall.swift")

    static func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
