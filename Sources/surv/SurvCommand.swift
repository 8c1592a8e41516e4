import ArgumentParser
import Foundation
import SurvNotebook
import SurvSession

let survVersion = "0.1.0"

/// `surv`: the REPL, `surv -c "..."`, `surv run FILE`, and the notebook commands `replay` and `export`.
struct SurvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surv",
        abstract: "A literate REPL for survival analysis.",
        discussion: "With no arguments, opens the interactive prompt (commands from standard input when it is not a terminal).",
        version: survVersion,
        subcommands: [Interactive.self, Run.self, Replay.self, Export.self],
        defaultSubcommand: Interactive.self
    )
}

/// Output options shared by every way of running commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object per command (JSON Lines) instead of text.")
    var json = false
}

struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Open the interactive prompt (the default).")

    @Option(name: .short, help: "Run these commands (separated by ';') and exit.")
    var command: String?

    @Option(name: .customLong("init"), help: "Run these commands (separated by ';') first, then open the prompt.")
    var initial: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = Session()
        session.notebookFiles = NotebookFiles(survVersion: survVersion)
        if let initial {
            _ = CommandPrinter(json: output.json).run(lines: [initial], in: session, file: nil)
        }
        if let command {
            let failed = CommandPrinter(json: output.json).run(lines: [command], in: session, file: nil)
            if failed { throw ExitCode(1) }
            return
        }
        try InteractiveLoop(session: session, json: output.json).run()
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a .surv script or a notebook (.surv.md) and print its outputs.")

    @Argument(help: "The script or notebook to run.")
    var file: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ValidationError("cannot read '\(file)'")
        }
        if file.hasSuffix(".md") {
            try runNotebook(url)
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("\(file): error: the file is not valid UTF-8 text\n".utf8))
            throw ExitCode(1)
        }
        let session = Session(baseDirectory: url.deletingLastPathComponent())
        session.notebookFiles = NotebookFiles(survVersion: survVersion)
        let failed = CommandPrinter(json: output.json).run(numbered: ScriptLines.split(text), in: session, file: file)
        if failed { throw ExitCode(1) }
    }

    /// A notebook runs like a replay (confined to its folder) but prints its outputs instead of comparing them.
    private func runNotebook(_ url: URL) throws {
        let notebook = try NotebookInput.read(url, file: file)
        let session = NotebookReplayer(survVersion: survVersion).makeSession(for: url)
        let lines = notebook.cells.flatMap { $0.commands.map { ($0.line, $0.text) } }
        let failed = CommandPrinter(json: output.json).run(numbered: lines, in: session, file: file)
        if failed { throw ExitCode(1) }
    }
}
