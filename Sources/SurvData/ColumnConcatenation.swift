/// Joins one column's pieces, read from consecutive stretches of a file, into the column a single
/// accumulator reading the whole file would have finished with.
///
/// Every piece must be of the same kind: numbers, or text once any piece is text (the parser re-reads
/// the others as text first). Each piece is emptied as soon as it is copied, so joining holds little
/// more than the one column beyond the pieces still waiting.
enum ColumnConcatenation {
    /// `nil` when the pieces together have more than `Int32.max` distinct values.
    static func join(_ pieces: inout [ColumnAccumulator], rows: Int) -> ColumnData? {
        guard let first = pieces.first else { return .number([], missing: []) }
        return first.isText ? joinText(&pieces, rows: rows) : joinNumbers(&pieces, rows: rows)
    }

    private static func joinNumbers(_ pieces: inout [ColumnAccumulator], rows: Int) -> ColumnData {
        var values: [Double] = []
        var missing: [Bool] = []
        values.reserveCapacity(rows)
        missing.reserveCapacity(rows)
        for index in pieces.indices {
            let piece = pieces[index].takeNumbers()
            values.append(contentsOf: piece.values)
            missing.append(contentsOf: piece.missing)
        }
        return .number(values, missing: missing)
    }

    private static func joinText(_ pieces: inout [ColumnAccumulator], rows: Int) -> ColumnData? {
        // The first piece's interner goes on collecting the later pieces' values; each piece's codes
        // are then translated into the first's and on into level ranks in one pass.
        var (firstCodes, interner) = pieces[0].takeText()
        var translations: [[Int32]] = [[]]
        for index in pieces.indices.dropFirst() {
            guard let translation = interner.absorb(pieces[index].textValues) else { return nil }
            translations.append(translation)
        }
        let (levels, rank) = ColumnAccumulator.orderLevels(interner)
        var codes: [Int32] = []
        codes.reserveCapacity(rows)
        for code in firstCodes {
            codes.append(code < 0 ? -1 : rank[Int(code)])
        }
        firstCodes = []
        for index in pieces.indices.dropFirst() {
            let translation = translations[index]
            for code in pieces[index].takeText().codes {
                codes.append(code < 0 ? -1 : rank[Int(translation[Int(code)])])
            }
        }
        return .text(codes: codes, levels: levels)
    }
}
