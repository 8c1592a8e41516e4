/// A command line of a cell with its 1-based line in the notebook file.
public struct CellCommand: Equatable, Sendable {
    public var line: Int
    public var text: String
}

/// A cell: a ```` ```surv ```` block of commands immediately followed by an ```` ```output ```` block with
/// what they printed.
public struct NotebookCell: Equatable, Sendable {
    /// The line of the opening ```` ```surv ```` fence.
    public var line: Int
    public var commands: [CellCommand]
    /// The recorded output: the output block's lines joined with "\n".
    public var output: String
    /// The output block is marked ```` ```output error ````: the cell is meant to print an error (a teaching
    /// notebook may show one on purpose). An error in a cell without the mark fails the replay.
    public var expectsError: Bool = false
    /// Indices into `NotebookSource.lines` of the output block's opening and closing fences: the only
    /// lines `--update` rewrites.
    public var outputFences: ClosedRange<Int>

    public init(line: Int, commands: [CellCommand], output: String, expectsError: Bool = false, outputFences: ClosedRange<Int>) {
        self.line = line
        self.commands = commands
        self.output = output
        self.expectsError = expectsError
        self.outputFences = outputFences
    }
    /// The file line of the output block's first line of text.
    public var outputLine: Int { outputFences.lowerBound + 2 }
}

/// A run of prose between cells (Markdown, any content).
public struct ProseBlock: Equatable, Sendable {
    public var line: Int
    public var markdown: String
}

public enum NotebookBlock: Equatable, Sendable {
    case prose(ProseBlock)
    case cell(NotebookCell)
}

/// A notebook read from a file: the file's lines, its front matter and its blocks in order.
public struct Notebook: Equatable, Sendable {
    public var source: NotebookSource
    public var frontMatter: FrontMatter?
    /// Indices into `source.lines` of the front matter's delimiters.
    public var frontMatterLines: ClosedRange<Int>?
    public var blocks: [NotebookBlock]

    public var cells: [NotebookCell] {
        blocks.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } }
    }

    /// The file paths loaded by `load "..."` in the cells, in order of first use.
    public var loadedFiles: [String] {
        var seen = Set<String>()
        return cells.flatMap { $0.commands.flatMap { LoadedFiles.paths(in: $0.text) } }.filter { seen.insert($0).inserted }
    }
}
