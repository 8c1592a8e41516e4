#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV and TSV files into a `DataTable`.
///
/// Format (RFC 4180 plus what spreadsheets and R write):
/// - A header row naming the columns is required; names are trimmed of surrounding spaces and must be
///   non-empty and unique. A name need not be a surv identifier (`[A-Za-z_][A-Za-z0-9_.]*`); it is kept
///   as written and can be quoted in the language.
/// - Fields may be enclosed in double quotes, with `""` for a quote inside; quoted fields may contain
///   delimiters and line breaks. LF, CRLF and lone CR all end a line; the last line needs no line break;
///   empty lines are skipped. A UTF-8 byte-order mark is dropped. Input must be UTF-8 without control
///   bytes other than tab, LF and CR.
/// - Missing values are empty cells and `NA`. A lone `.` is not missing.
/// - A column is numeric when every non-missing cell is a decimal number (`12`, `-3.5`, `+.5`, `1e-3`;
///   spaces around it allowed); otherwise it is categorical text. `Inf`, `NaN`, hexadecimal and
///   thousands separators are not numbers. A column with no values at all is numeric.
/// - A column whose every non-missing cell is an ISO 8601 date (`2016-03-01`, a day that exists) is a
///   column of dates.
/// - A header-only file gives a table with zero rows.
public enum DelimitedTextReader {
    /// Reads the file at `path`. The table is named after the file without its extension. Files ending
    /// in `.tsv` or `.tab` are tab-separated; otherwise the delimiter (comma, tab or semicolon) is the
    /// most frequent of the three on the header line.
    public static func read(path: String) throws -> DataTable {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return try read(bytes: try readBytes(path: path), fileName: fileName)
    }

    /// Parses a file's bytes read already; `fileName` names the table and says whether it is a TSV.
    public static func read(bytes: [UInt8], fileName: String) throws -> DataTable {
        var stem = fileName
        var fileExtension = ""
        if let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex {
            stem = String(fileName[..<dot])
            fileExtension = String(fileName[fileName.index(after: dot)...]).lowercased()
        }
        let delimiter: UInt8? = fileExtension == "tsv" || fileExtension == "tab" ? UInt8(ascii: "\t") : nil
        return try parse(bytes, name: stem, delimiter: delimiter)
    }

    /// Parses delimited text held in memory. `delimiter` nil means: sniff it from the header line.
    public static func parse(_ bytes: [UInt8], name: String, delimiter: UInt8? = nil) throws -> DataTable {
        try checkDelimiter(delimiter)
        return try bytes.withUnsafeBufferPointer { buffer in
            try DelimitedTextParser(bytes: buffer, name: name, delimiter: delimiter).parse()
        }
    }

    /// Parses as `parse(_:name:delimiter:)` does, but cut into chunks near `splitPoints` (each cut moves
    /// just past the next line break) whatever the input's size; an empty list reads it in one pass.
    /// The table, or the error, is always the one `parse(_:name:delimiter:)` gives: this lets the fuzzer
    /// check that wherever the cuts fall.
    public static func parse(_ bytes: [UInt8], name: String, delimiter: UInt8? = nil,
                             splittingNear splitPoints: [Int]) throws -> DataTable {
        try checkDelimiter(delimiter)
        return try bytes.withUnsafeBufferPointer { buffer in
            try DelimitedTextParser(bytes: buffer, name: name, delimiter: delimiter).parse(splittingNear: splitPoints)
        }
    }

    /// Parses delimited text in a raw buffer (e.g. a memory-mapped file).
    public static func parse(_ bytes: UnsafeRawBufferPointer, name: String, delimiter: UInt8? = nil) throws -> DataTable {
        try checkDelimiter(delimiter)
        let buffer = bytes.bindMemory(to: UInt8.self)
        return try DelimitedTextParser(bytes: buffer, name: name, delimiter: delimiter).parse()
    }

    /// A delimiter must be a printable ASCII character or tab, and not the quote or a space.
    private static func checkDelimiter(_ delimiter: UInt8?) throws {
        guard let delimiter else { return }
        let usable = delimiter == UInt8(ascii: "\t")
            || (delimiter > 0x20 && delimiter < 0x7F && delimiter != UInt8(ascii: "\""))
        if !usable {
            throw DataError("byte \(delimiter) cannot be a delimiter", hint: "use a comma, tab, semicolon or another printable character")
        }
    }

    /// The whole file in one allocation of its exact size.
    static func readBytes(path: String) throws -> [UInt8] {
        // Non-blocking, so a FIFO opens at once and is then refused as not a regular file.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw fileError(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fileError(path) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw DataError("'\(path)' is not a regular file", hint: "give the path of a .csv or .tsv file")
        }
        let size = Int(status.st_size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let got = readFromDescriptor(descriptor, buffer.baseAddress.map { $0 + initialized }, size - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }  // the file shrank while being read: keep what was there
                initialized += got
            }
        }
        if failure != 0 {
            errno = failure
            throw fileError(path)
        }
        return bytes
    }

    private static func fileError(_ path: String) -> DataError {
        let reason = String(cString: strerror(errno))
        return DataError("cannot read '\(path)': \(reason)", hint: "check the path and the file's permissions")
    }
}

/// POSIX `read`, which `DelimitedTextReader.read(path:)` hides inside the enum.
private func readFromDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
