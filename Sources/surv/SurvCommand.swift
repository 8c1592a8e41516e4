import ArgumentParser
import Foundation
import SurvNotebook
import SurvLanguage
import SurvSession

let survVersion = "0.1.0"

/// `surv`: the REPL, `surv -c "..."`, `surv run FILE`, and the notebook commands `replay` and `export`.
struct SurvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surv",
        abstract: "A literate REPL for survival analysis.",
        usage: """
        surv [-c <commands>]... [--init <commands>] [--json]
        surv run <file> [--json]
        surv replay [--update] <notebook> ...
        surv export <notebook> --html <page>
        """,
        discussion: """
        With no arguments, opens the interactive prompt (commands from standard input when it is not a \
        terminal, as in  surv < analysis.surv).

        OPTIONS (of the prompt, the default subcommand):
          -c <commands>     Run these commands (separated by ';') and exit;
                            repeat -c to run several lines in order:
                            surv -c 'load aml' -c 'endpoint time, status; km'
          --init <commands> Run these commands first, then open the prompt:
                            surv --init 'load lung; endpoint time, status'
          --json            One JSON object per command (docs/json.md):
                            surv -c 'load aml; endpoint time, status' --json
          --version, -h/--help

        SUBCOMMANDS:
          run FILE          surv run analysis.surv  (or a notebook, .surv.md)
          replay NB         surv replay analysis.surv.md  (--update rewrites)
          export NB         surv export analysis.surv.md --html analysis.html
        See 'surv help <subcommand>' for each one's options.
        """,
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

    @Option(name: .short, help: ArgumentHelp("Run these commands (separated by ';') and exit; repeat -c to run several lines in order.",
                                              valueName: "commands"))
    var command: [String] = []

    @Option(name: .customLong("init"), help: ArgumentHelp("Run these commands (separated by ';') first, then open the prompt.",
                                                         valueName: "commands"))
    var initial: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let session = Session()
        session.notebookFiles = NotebookFiles(survVersion: survVersion)
        session.figureFiles = SVGFigureFiles()
        let printer = CommandPrinter(json: output.json)
        if let initial {
            _ = printer.run(lines: Self.lines(of: [initial]), in: session, file: nil)
        }
        if !command.isEmpty {
            // Each -c is a line of its own, as if typed at the prompt one after the other (and a -c holding
            // line breaks is several lines).
            if printer.run(lines: Self.lines(of: command), in: session, file: nil) { throw ExitCode(1) }
            return
        }
        try InteractiveLoop(session: session, json: output.json).run()
    }
}

extension Interactive {
    static func lines(of texts: [String]) -> [String] {
        texts.flatMap { ScriptLines.split($0).map(\.1) }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a .surv script or a notebook (.surv.md) and print its outputs.")

    @Argument(help: "The script or notebook to run.")
    var file: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let bytes: [UInt8]
        do throws(Diagnostic) {
            // Checked as opened and bounded like a notebook, before a byte is read: it may be one.
            bytes = try FileAccessPolicy.unrestricted.read(file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                                           limit: FileAccessPolicy.maximumNotebookBytes).bytes
        } catch {
            NotebookInput.printError("\(file): error: \(error.message)")
            throw ExitCode(1)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            NotebookInput.printError("\(file): error: the file is not valid UTF-8 text")
            throw ExitCode(1)
        }
        // A notebook always runs confined, whatever its name says: one named .MD or .markdown, or one whose
        // lines hold a ```surv cell, is not run as a script with the user's own rights.
        if Self.isNotebook(name: file, text: text) {
            try runNotebook(url)
            return
        }
        let session = Session(baseDirectory: url.deletingLastPathComponent())
        session.notebookFiles = NotebookFiles(survVersion: survVersion)
        session.figureFiles = SVGFigureFiles()
        let failed = CommandPrinter(json: output.json).run(numbered: ScriptLines.split(text), in: session, file: file)
        if failed { throw ExitCode(1) }
    }

    static func isNotebook(name: String, text: String) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") { return true }
        return text.split(whereSeparator: \.isNewline).contains { line in
            let trimmed = line.drop { $0 == " " }
            return (trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~"))
                && trimmed.drop { $0 == "`" || $0 == "~" }.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("surv")
        }
    }

    /// A notebook runs like a replay (confined to its folder, writing nothing) but prints its outputs
    /// instead of comparing them. Errors in cells marked ```output error are expected, not failures.
    private func runNotebook(_ url: URL) throws {
        let notebook = try NotebookInput.read(url, file: file)
        let session = NotebookReplayer(survVersion: survVersion).makeSession(for: url)
        let printer = CommandPrinter(json: output.json)
        var failed = false
        for cell in notebook.cells {
            guard (session.notebookFiles as? NotebookFiles)?.admitReplayedCell() ?? true else {
                NotebookInput.printError("\(file):\(cell.line): error: stopped here: with the notebooks its cells open, this notebook "
                                         + "ran \(NotebookFiles.maximumCellsReplayed) cells, the most one run replays")
                throw ExitCode(1)
            }
            let cellFailed = printer.run(numbered: cell.commands.map { ($0.line, $0.text) }, in: session, file: file)
            failed = failed || (cellFailed && !cell.expectsError)
        }
        if failed { throw ExitCode(1) }
    }
}
