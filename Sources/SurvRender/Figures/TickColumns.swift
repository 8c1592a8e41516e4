import SurvResults

/// The x ticks of a terminal figure as page columns, computed once. The tick labels and every row of the
/// number-at-risk table are placed from these columns by the same centring rule, so a count can only sit
/// under its tick: the alignment survminer's users report broken holds by construction here.
struct TickColumns {
    /// The page column of each tick.
    let columns: [Int]
    /// Whether the tick's label (and its column of counts) is printed. Ticks too close for their widest
    /// text keep their tick mark but are printed every second, third, … tick.
    let printed: [Bool]

    /// `texts[i]` holds everything printed at tick i: its label and its counts.
    init(columns: [Int], texts: [[String]]) {
        self.columns = columns
        let widths = columns.indices.map { i in
            i < texts.count ? texts[i].map(DisplayWidth.of).max() ?? 0 : 0
        }
        var chosen = [Bool](repeating: true, count: columns.count)
        for stride in 1...max(1, columns.count) {
            var fits = true, previousEnd = Int.min / 2
            for i in Swift.stride(from: 0, to: columns.count, by: stride) {
                let start = Self.start(width: widths[i], at: columns[i])
                if start <= previousEnd + 1 { fits = false; break }
                previousEnd = start + widths[i] - 1
            }
            if fits {
                chosen = columns.indices.map { $0 % stride == 0 }
                break
            }
            chosen = columns.indices.map { $0 == 0 }
        }
        printed = chosen
    }

    /// The first column of text `width` columns wide centred on `column` (one column left of centre when
    /// the width is even).
    static func start(width: Int, at column: Int) -> Int { column - (width - 1) / 2 }

    /// Prints `texts[i]` centred under tick i, for the printed ticks.
    func place(_ texts: [String], line: Int, on grid: inout CharacterGrid, color: Int = -1) {
        for (i, column) in columns.enumerated() where i < texts.count && printed[i] && !texts[i].isEmpty {
            grid.put(texts[i], line: line, column: Self.start(width: DisplayWidth.of(texts[i]), at: column), color: color)
        }
    }
}
