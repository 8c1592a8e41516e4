import SurvCore

/// The records of one stretch of the body, parsed on their own.
struct ParsedChunk {
    /// Where its first record starts. A stretch begins just after a line break, which is a record
    /// boundary unless it lay inside a quoted field; the reading in order checks this against where
    /// the previous chunk's last record ended.
    var firstRecord: Int
    /// Where the record after its last one starts (the end of the input after the last chunk).
    var next: Int
    var rows = 0
    var columns: [ColumnAccumulator] = []
    /// The first failure met; the chunk's columns are then incomplete.
    var failure: (any Error)?
}

/// Reading a large body on several cores. The body is cut just after line breaks into stretches,
/// each parsed by itself into its own columns; the stretches are then checked in order and joined
/// into the columns a single pass would have built:
///
/// - A cut is a true record boundary exactly when the previous chunk's last record ends there (in a
///   file without line breaks inside quoted fields, always). Where a quoted field spans a cut, that
///   chunk is parsed again from where the record really ends, on the calling thread, and the chunks
///   after it are checked against that new end.
/// - A column that turned to text in any chunk is text in all: the chunks that still hold it as
///   numbers read it again as text (their numbers cannot give back the spelling).
/// - Text codes are re-interned in chunk order, so the levels and codes are those of one pass.
/// - An error in a chunk is the error of one pass when it does not depend on earlier rows (a scan
///   failure, a ragged row) and the chunks before it read cleanly. Anything else — an out-of-range
///   number in a column that may be text already, too many levels — is decided by reading the whole
///   file again in one pass, which is rare enough to cost nothing in practice.
extension DelimitedTextParser {
    /// Chunks per core: a core slowed by other work then holds up the end by a quarter of its share.
    static let chunksPerCore = 4
    /// Below these sizes a chunk costs more to set up and join than it saves.
    static let minimumChunkBytes = 1 << 18
    static let minimumChunkRecords = 4096

    /// Where to cut a body of this size on this machine; none when one pass is as fast.
    func automaticSplitPoints(from dataStart: Int, columns: Int) -> [Int] {
        let cores = Concurrently.cores
        let body = bytes.count - dataStart
        guard cores > 1, body >= 2 * Self.minimumChunkBytes else { return [] }
        let records = estimateRowCount(from: dataStart, to: bytes.count, columns: columns)
        let chunks = min(cores * Self.chunksPerCore, body / Self.minimumChunkBytes, records / Self.minimumChunkRecords)
        guard chunks > 1 else { return [] }
        return (1..<chunks).map { dataStart + body / chunks * $0 }
    }

    /// `dataStart`, then for each split point the first offset at or after it that follows a line
    /// break, then the end: increasing, without repeats or empty stretches at the end.
    func chunkBounds(from dataStart: Int, near splitPoints: [Int]) -> [Int] {
        var bounds = [dataStart]
        for point in splitPoints.sorted() {
            var cut = max(point, dataStart + 1, bounds[bounds.count - 1] + 1)
            while cut < bytes.count, bytes[cut - 1] != UInt8(ascii: "\n"), bytes[cut - 1] != UInt8(ascii: "\r") {
                cut += 1
            }
            if cut < bytes.count { bounds.append(cut) }
        }
        bounds.append(bytes.count)
        return bounds
    }

    func parseInChunks(from dataStart: Int, near splitPoints: [Int], names: [String]) throws -> [ColumnData] {
        let bounds = chunkBounds(from: dataStart, near: splitPoints)
        var stretches = Array(bounds.indices.dropLast())
        var chunks = Concurrently.map(&stretches) { index in
            parseChunk(from: bounds[index], before: bounds[index + 1], names: names)
        }
        if let interruption = chunks.lazy.compactMap({ $0.failure as? CoreError }).first { throw interruption }

        var next = chunks.first?.firstRecord ?? bytes.count
        for index in chunks.indices {
            if chunks[index].firstRecord != next {
                chunks[index] = parseChunk(from: next, before: bounds[index + 1], names: names)
            }
            if let failure = chunks[index].failure {
                chunks = []
                // A column has no more distinct values than rows, nor a file more rows than bytes: below
                // Int32.max bytes, too many levels cannot have come first in one pass.
                if failure is CoreError || (failure is DataError && bytes.count < Int(Int32.max)) { throw failure }
                return try parseInOnePass(from: dataStart, names: names)
            }
            next = chunks[index].next
        }

        let columnCount = names.count
        let textColumns = (0..<columnCount).map { c in chunks.contains { $0.columns[c].isText } }
        Concurrently.forEach(&chunks) { chunk in
            let stale = (0..<columnCount).filter { textColumns[$0] && !chunk.columns[$0].isText }
            guard !stale.isEmpty else { return }
            do {
                try convertToText(&chunk.columns, columns: stale, rows: chunk.rows, from: chunk.firstRecord,
                                  reserving: chunk.rows)
            } catch {
                chunk.failure = error
            }
        }
        if chunks.contains(where: { $0.failure != nil }) {
            chunks = []
            return try parseInOnePass(from: dataStart, names: names)
        }

        let rows = chunks.reduce(0) { $0 + $1.rows }
        var pieces = (0..<columnCount).map { c in (column: c, pieces: chunks.map { $0.columns[c] }) }
        chunks = []
        // Releasing walks the allocator's free lists: after each column when columns are large, otherwise
        // once enough of them have been joined to have freed about a megabyte.
        let releaseEvery = max(1, (1 << 20) / max(1, rows * MemoryLayout<Double>.stride))
        let joined = Concurrently.map(&pieces) { work in
            let column = ColumnConcatenation.join(&work.pieces, rows: rows)
            if work.column % releaseEvery == releaseEvery - 1 || work.column == columnCount - 1 { FreedMemory.release() }
            return column
        }
        let columns = joined.compactMap { $0 }
        guard columns.count == columnCount else {
            pieces = []
            return try parseInOnePass(from: dataStart, names: names)
        }
        return columns
    }

    /// Parses the records that start in `start..<bound`, `start` being just after a line break.
    func parseChunk(from start: Int, before bound: Int, names: [String]) -> ParsedChunk {
        var scanner = RecordScanner(bytes: bytes, delimiter: delimiter, start: start)
        let firstRecord = scanner.skipLineBreaks()
        var chunk = ParsedChunk(firstRecord: firstRecord, next: firstRecord)
        var columns = [ColumnAccumulator](repeating: ColumnAccumulator(), count: names.count)
        let expectedRows = estimateRowCount(from: firstRecord, to: bound, columns: names.count)
        do {
            chunk.rows = try readRecords(&scanner, before: bound, into: &columns, names: names, expectedRows: expectedRows)
            chunk.next = scanner.skipLineBreaks()
        } catch {
            chunk.failure = error
        }
        chunk.columns = columns
        return chunk
    }
}
