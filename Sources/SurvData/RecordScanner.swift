/// One field of a record: byte offsets into the input, quotes excluded.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was enclosed in double quotes (the opening quote is at `start - 1`).
    var quoted: Bool
    /// The field contains doubled quotes `""` that stand for one `"`.
    var hasEscapedQuotes: Bool
    /// Where the field begins in the file, opening quote included.
    var sourceOffset: Int { quoted ? start - 1 : start }
}

/// A malformation found while splitting the bytes, at a byte offset.
struct ScanFailure: Error {
    enum Kind {
        case unterminatedQuote
        case textAfterClosingQuote
        case invalidUTF8
        case binaryByte(UInt8)
    }
    var kind: Kind
    var offset: Int
}

/// Splits delimited text into records of fields (RFC 4180), validating UTF-8 and rejecting control
/// bytes on the way, so that the bytes are looked at once.
///
/// - Records end at LF, CRLF or a lone CR; the last one may lack a terminator.
/// - Empty lines are skipped (as R's `read.csv` does with `blank.lines.skip = TRUE`).
/// - A quote opens a quoted field only as the field's first byte (spaces before it are allowed and
///   dropped); inside it `""` is a quote and delimiters and line breaks are data. Elsewhere a quote is
///   an ordinary character.
/// - After a closing quote only spaces, then a delimiter or line end, may follow.
struct RecordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position: Int
    /// Offset of the byte that ended the last record (its terminator, or the end of the input).
    private(set) var lastRecordEnd = 0
    /// The most fields a record keeps; the ones beyond are counted in `extraFields`, not stored, so a row of
    /// fifty million commas costs no more memory than a row of the right length before it is refused.
    var fieldLimit = Int.max
    private(set) var extraFields = 0

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let tab = UInt8(ascii: "\t")
    private static let space = UInt8(ascii: " ")

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = start
    }

    private mutating func keep(_ field: FieldSpan, in fields: inout [FieldSpan]) {
        if fields.count < fieldLimit { fields.append(field) } else { extraFields += 1 }
    }

    /// Moves past line breaks (blank lines and the previous record's terminator) and returns where the
    /// next record starts, or the end of the input.
    mutating func skipLineBreaks() -> Int {
        var pos = position
        while pos < bytes.count, bytes[pos] == Self.lineFeed || bytes[pos] == Self.carriageReturn { pos += 1 }
        position = pos
        return pos
    }

    /// Fills `fields` with the next record and returns the offset where it starts, or `nil` at the end.
    mutating func nextRecord(_ fields: inout [FieldSpan]) throws(ScanFailure) -> Int? {
        fields.removeAll(keepingCapacity: true)
        extraFields = 0
        let n = bytes.count
        var pos = position
        while pos < n, bytes[pos] == Self.lineFeed || bytes[pos] == Self.carriageReturn { pos += 1 }
        guard pos < n else {
            position = pos
            return nil
        }
        let recordStart = pos
        while true {
            var fieldStart = pos
            if pos < n, bytes[pos] == Self.space {
                // `a, "b"`: spaces before an opening quote are layout, not data.
                var ahead = pos
                while ahead < n, bytes[ahead] == Self.space { ahead += 1 }
                if ahead < n, bytes[ahead] == Self.quote { fieldStart = ahead }
            }
            if fieldStart < n, bytes[fieldStart] == Self.quote {
                pos = fieldStart + 1
                var escaped = false
                while true {
                    guard pos < n else { throw ScanFailure(kind: .unterminatedQuote, offset: fieldStart) }
                    let b = bytes[pos]
                    if b == Self.quote {
                        if pos + 1 < n, bytes[pos + 1] == Self.quote {
                            escaped = true
                            pos += 2
                            continue
                        }
                        break
                    }
                    if b >= 0x20 && b < 0x80 || b == Self.lineFeed || b == Self.carriageReturn || b == Self.tab {
                        pos += 1
                    } else {
                        pos += try sequenceLength(at: pos)
                    }
                }
                keep(FieldSpan(start: fieldStart + 1, end: pos, quoted: true, hasEscapedQuotes: escaped), in: &fields)
                pos += 1
                while pos < n, bytes[pos] == Self.space || (bytes[pos] == Self.tab && delimiter != Self.tab) {
                    pos += 1
                }
            } else {
                while pos < n {
                    let b = bytes[pos]
                    // Printable ASCII other than the delimiter, nearly every byte, in one comparison.
                    if b &- 0x20 < 0x60, b != delimiter {
                        pos += 1
                        continue
                    }
                    if b == delimiter || b == Self.lineFeed || b == Self.carriageReturn { break }
                    if b == Self.tab {
                        pos += 1
                    } else {
                        pos += try sequenceLength(at: pos)
                    }
                }
                keep(FieldSpan(start: fieldStart, end: pos, quoted: false, hasEscapedQuotes: false), in: &fields)
            }
            guard pos < n else {
                lastRecordEnd = n
                position = n
                return recordStart
            }
            let b = bytes[pos]
            if b == delimiter {
                pos += 1
                continue
            }
            if b == Self.lineFeed || b == Self.carriageReturn {
                lastRecordEnd = pos
                pos += 1
                if b == Self.carriageReturn, pos < n, bytes[pos] == Self.lineFeed { pos += 1 }
                position = pos
                return recordStart
            }
            throw ScanFailure(kind: .textAfterClosingQuote, offset: pos)
        }
    }

    /// The length of the well-formed UTF-8 sequence at `pos` (whose first byte is not printable ASCII),
    /// or a failure for a control byte or malformed UTF-8.
    private func sequenceLength(at pos: Int) throws(ScanFailure) -> Int {
        let lead = bytes[pos]
        guard lead >= 0x80 else {
            if lead == 0x7F { return 1 }  // DEL is printable enough to keep
            throw ScanFailure(kind: .binaryByte(lead), offset: pos)
        }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw ScanFailure(kind: .invalidUTF8, offset: pos)
        }
        guard pos + length <= bytes.count else { throw ScanFailure(kind: .invalidUTF8, offset: pos) }
        let second = bytes[pos + 1]
        guard second >= low, second <= high else { throw ScanFailure(kind: .invalidUTF8, offset: pos) }
        var i = 2
        while i < length {
            guard bytes[pos + i] & 0xC0 == 0x80 else { throw ScanFailure(kind: .invalidUTF8, offset: pos) }
            i += 1
        }
        return length
    }
}
