/// Decides, in one pass over the bytes, whether cmark-gfm can render a piece of prose in time and memory
/// proportional to its length. The release Debian ships (0.29.0.gfm.6) has two shapes that are not:
///
/// - A GitHub table's rows are padded to its header's width, so a wide header over many short lines
///   (18 kB of text) becomes millions of empty cells and tens of megabytes of HTML. Later releases refuse
///   a table past 65,536 cells or its length in padded cells; this bounds every table in a run of
///   non-blank lines by the widest delimiter row in it times the run's line count, which is never less.
/// - Each link closed in a paragraph looks back over every image opener `![` still open before it, so
///   a paragraph of `![` followed by as many `]` takes their product in steps (6 s for 240 kB). The
///   product is summed over the runs of non-blank lines, as a paragraph never crosses a blank line.
/// - A table row costs the square of its cells (a single row of 65,000 cells took 7 s): the squares of
///   every line's pipe count are summed, table or not.
///
/// Each bound over-counts rather than under-counts; prose over a bound is shown as its source text.
enum ProseBudget {
    static let tableCells = 65_536
    static let imageBracketSteps = 4_000_000
    static let rowCellSteps = 50_000_000

    static func allows(_ markdown: String) -> Bool {
        var measure = Measure(length: markdown.utf8.count)
        var previous: UInt8 = 0
        for byte in markdown.utf8 {
            // CR, LF and CR-LF all end a line, as in CommonMark.
            if byte == UInt8(ascii: "\n") {
                if previous != UInt8(ascii: "\r") { measure.endLine() }
            } else if byte == UInt8(ascii: "\r") {
                measure.endLine()
            } else {
                measure.add(byte, after: previous)
            }
            if measure.isOver { return false }
            previous = byte
        }
        measure.endLine()
        measure.endRun()
        return !measure.isOver
    }

    /// Running counts for the current line and the current run of non-blank lines.
    private struct Measure {
        let cellLimit: Int
        var cells = 0
        var steps = 0

        // The current line.
        var lineIsBlank = true
        var lineHasDash = false
        var lineIsDelimiterRow = true
        var linePipes = 0

        // The current run of non-blank lines.
        var runLines = 0
        var runColumns = 0
        var runImageOpeners = 0
        var runClosers = 0

        init(length: Int) {
            cellLimit = max(ProseBudget.tableCells, length)
        }

        var rowSteps = 0

        var isOver: Bool {
            cells > cellLimit || steps > ProseBudget.imageBracketSteps || rowSteps > ProseBudget.rowCellSteps
        }

        mutating func add(_ byte: UInt8, after previous: UInt8) {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                return
            case UInt8(ascii: "|"):
                linePipes += 1
            case UInt8(ascii: "-"):
                lineHasDash = true
            case UInt8(ascii: ":"), UInt8(ascii: ">"):
                break
            default:
                // Only pipes, dashes, colons, spaces and block-quote markers make a delimiter row.
                lineIsDelimiterRow = false
            }
            lineIsBlank = false
            if byte == UInt8(ascii: "["), previous == UInt8(ascii: "!") { runImageOpeners += 1 }
            if byte == UInt8(ascii: "]") { runClosers += 1 }
        }

        mutating func endLine() {
            rowSteps = Self.saturatingSum(rowSteps, Self.saturatingProduct(linePipes, linePipes))
            if lineIsBlank {
                endRun()
            } else {
                runLines += 1
                if lineIsDelimiterRow && lineHasDash { runColumns = max(runColumns, linePipes + 1) }
            }
            lineIsBlank = true
            lineHasDash = false
            lineIsDelimiterRow = true
            linePipes = 0
        }

        mutating func endRun() {
            cells = Self.saturatingSum(cells, Self.saturatingProduct(runColumns, runLines))
            steps = Self.saturatingSum(steps, Self.saturatingProduct(runImageOpeners, runClosers))
            runLines = 0
            runColumns = 0
            runImageOpeners = 0
            runClosers = 0
        }

        // The counts come from the text: no product or sum of them may trap, however long it is.
        private static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? Int.max : product
        }

        private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? Int.max : sum
        }
    }
}
