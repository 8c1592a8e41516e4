import SurvResults

/// A drawing surface of character cells. With Unicode, each cell is a braille character holding 2 × 4 dots
/// (UnicodePlots' canvas), so a 60-column plot has 120 dots across. The ASCII fallback has one dot per cell
/// and draws a stratum's runs and drops with its own pair of characters (`_` and `|`, `.` and `:`, …).
///
/// Coordinates are dots, (0, 0) at the top left. Anything outside the canvas is ignored, so callers can
/// draw clamped or unclamped values without checking.
struct DotCanvas {
    let columns: Int
    let rows: Int
    let ascii: Bool

    /// Braille: the dot bits of each cell. ASCII: `horizontal`, `vertical`, `faint` and `point` flags.
    private var masks: [UInt8]
    /// The stratum (or series) that last drew in each cell, -1 for none: it decides colour and ASCII glyphs.
    private var owners: [Int8]
    /// Cells taken over by a glyph (a censoring mark), keyed by cell index.
    private var glyphs: [Int: (text: String, owner: Int8)] = [:]

    /// What a dot belongs to, for the ASCII canvas: a run, a drop, a band, a data point.
    static let horizontal: UInt8 = 1, vertical: UInt8 = 2, faint: UInt8 = 4, point: UInt8 = 8

    init(columns: Int, rows: Int, ascii: Bool) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.ascii = ascii
        masks = [UInt8](repeating: 0, count: self.columns * self.rows)
        owners = [Int8](repeating: -1, count: self.columns * self.rows)
    }

    var dotColumns: Int { ascii ? columns : columns * 2 }
    var dotRows: Int { ascii ? rows : rows * 4 }

    /// The dot column of a fraction of the width (0 left, 1 right).
    func dotX(_ fraction: Double) -> Int { Self.scale(fraction, dotColumns) }
    /// The dot row of a fraction of the height (0 bottom, 1 top).
    func dotY(_ fraction: Double) -> Int { dotRows - 1 - Self.scale(fraction, dotRows) }
    func cellColumn(ofDot x: Int) -> Int { ascii ? x : x >> 1 }
    func cellRow(ofDot y: Int) -> Int { ascii ? y : y >> 2 }

    private static func scale(_ fraction: Double, _ count: Int) -> Int {
        guard fraction.isFinite else { return fraction > 0 ? count - 1 : 0 }
        // Clamped before converting: a fraction far outside 0–1 would not fit in an Int.
        return Int((min(1, max(0, fraction)) * Double(count - 1)).rounded())
    }

    // MARK: - Drawing

    /// Sets one dot. `kind` matters only to the ASCII canvas (which stroke character the cell shows).
    mutating func dot(_ x: Int, _ y: Int, owner: Int, kind: UInt8 = DotCanvas.horizontal) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        let column = cellColumn(ofDot: x), row = cellRow(ofDot: y)
        let cell = row * columns + column
        if ascii {
            // A faint dot (a band) never covers anything; anything else replaces what the cell showed,
            // so the last stroke or point drawn there is the one seen.
            if kind == Self.faint {
                if masks[cell] != 0 { return }
            } else if kind == Self.point {
                masks[cell] = 0
            } else {
                masks[cell] &= ~(Self.faint | Self.point)
            }
            masks[cell] |= kind
        } else {
            masks[cell] |= Self.brailleBit(x & 1, y & 3)
        }
        if kind != Self.faint || owners[cell] < 0 { owners[cell] = Int8(clamping: owner) }
    }

    /// A step function in "post" style through dot positions: across at each point's height to the next
    /// point, then up or down to it; the last step runs across to `endX`. `pattern` thins the dots along
    /// the path (solid, dashed, dotted, …); ASCII draws every cell and tells strata apart by character.
    mutating func stairs(_ points: [(x: Int, y: Int)], endX: Int, owner: Int, pattern: Int, faint: Bool = false) {
        let points = points.map(clamped)
        guard var previous = points.first else { return }
        let endX = clamped((endX, 0)).x
        var step = 0
        let across = faint ? Self.faint : Self.horizontal, down = faint ? Self.faint : Self.vertical
        func put(_ x: Int, _ y: Int, _ kind: UInt8) {
            if ascii || FigurePalette.patternShows(pattern, step) { dot(x, y, owner: owner, kind: kind) }
            step += 1
        }
        for point in points.dropFirst() + [(x: endX, y: points[points.count - 1].y)] {
            let toX = max(previous.x, point.x)
            if faint {
                // A band's limits are a dot every second cell along its runs, without the drops: sparser
                // than any stratum's pattern, so a band never reads as a curve.
                for x in previous.x...toX where ascii ? x % 2 == 0 : x % 4 == 0 { dot(x, previous.y, owner: owner, kind: across) }
                previous = (toX, point.y)
                continue
            }
            for x in previous.x...toX { put(x, previous.y, across) }
            if point.y != previous.y {
                if ascii {
                    // A drop's cells run from the row after the higher one to the lower one, so the
                    // vertical stroke meets the underscore of both runs.
                    for y in (min(previous.y, point.y) + 1)...max(previous.y, point.y) { put(toX, y, down) }
                } else {
                    let direction = point.y > previous.y ? 1 : -1
                    var y = previous.y + direction
                    while y != point.y + direction {
                        put(toX, y, down)
                        y += direction
                    }
                }
            }
            previous = (toX, point.y)
        }
    }

    /// A straight line between two dots (Bresenham), for smooths and whiskers.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), owner: Int, pattern: Int = 0, faint: Bool = false) {
        let start = clamped(start), end = clamped(end)
        let dx = abs(end.x - start.x), dy = -abs(end.y - start.y)
        let sx = start.x < end.x ? 1 : -1, sy = start.y < end.y ? 1 : -1
        var error = dx + dy, x = start.x, y = start.y, step = 0
        let kind: UInt8 = faint ? Self.faint : (dx >= -dy ? Self.horizontal : Self.vertical)
        // At most one dot per column or row crossed; the bound keeps a bad coordinate from looping long.
        for _ in 0...(dx - dy + 1) {
            let shows = faint ? step % 3 == 0 : FigurePalette.patternShows(pattern, step)
            if ascii || shows { dot(x, y, owner: owner, kind: kind) }
            step += 1
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// Puts a glyph over the cell holding a dot (a censoring mark sits on its curve).
    mutating func glyph(_ text: String, atDot x: Int, _ y: Int, owner: Int) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        glyphs[cellRow(ofDot: y) * columns + cellColumn(ofDot: x)] = (text, Int8(clamping: owner))
    }

    /// A dot position pulled to just outside the canvas at most, so loops over a stroke stay short.
    private func clamped(_ point: (x: Int, y: Int)) -> (x: Int, y: Int) {
        (min(max(point.x, -1), dotColumns), min(max(point.y, -1), dotRows))
    }

    // MARK: - Reading

    func isBlank(column: Int, row: Int) -> Bool {
        guard column >= 0, row >= 0, column < columns, row < rows else { return true }
        let cell = row * columns + column
        return masks[cell] == 0 && glyphs[cell] == nil
    }

    /// What a cell shows and who drew it (nil: blank).
    func cell(column: Int, row: Int) -> (text: String, owner: Int)? {
        guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
        let cell = row * columns + column
        if let glyph = glyphs[cell] { return (glyph.text, Int(glyph.owner)) }
        let mask = masks[cell]
        guard mask != 0 else { return nil }
        let owner = Int(owners[cell])
        if !ascii {
            guard let scalar = Unicode.Scalar(0x2800 + UInt32(mask)) else { return nil }
            return (String(Character(scalar)), owner)
        }
        let stroke = FigurePalette.asciiStroke(owner)
        if mask & Self.vertical != 0 { return (String(stroke.vertical), owner) }
        if mask & Self.horizontal != 0 { return (String(stroke.horizontal), owner) }
        if mask & Self.point != 0 { return ("o", owner) }
        return ("'", owner)
    }

    /// Unicode's braille numbering: dots 1–3 and 7 down the left column, 4–6 and 8 down the right.
    private static func brailleBit(_ x: Int, _ y: Int) -> UInt8 {
        switch (x, y) {
        case (0, 0): return 0x01
        case (0, 1): return 0x02
        case (0, 2): return 0x04
        case (0, _): return 0x40
        case (_, 0): return 0x08
        case (_, 1): return 0x10
        case (_, 2): return 0x20
        default: return 0x80
        }
    }
}
