/// A data file a notebook loads, pinned by its SHA-256 so that a replay can tell when the data changed.
public struct DataFileRecord: Equatable, Sendable, Codable {
    /// As written in the notebook's `load` command: relative to the notebook's folder.
    public var path: String
    /// 64 lowercase hexadecimal digits.
    public var sha256: String
    /// Where the record is in the notebook (1-based), for messages; 0 when not read from a file.
    public var line: Int

    public init(path: String, sha256: String, line: Int = 0) {
        self.path = path
        self.sha256 = sha256
        self.line = line
    }
}

/// The notebook's front matter: a small YAML block between `---` lines at the top of the file.
///
///     ---
///     title: "AML maintenance"
///     surv: 0.1.0
///     data:
///       - path: "aml.csv"
///         sha256: 5f0c…
///     ---
///
/// Only this subset is read; any other line is kept as it was when the front matter is rewritten.
public struct FrontMatter: Equatable, Sendable {
    public var title: String?
    /// The surv version that last wrote the notebook's outputs.
    public var survVersion: String?
    public var dataFiles: [DataFileRecord]
    /// Lines this reader does not understand, kept verbatim.
    public var otherLines: [String]

    public init(title: String? = nil, survVersion: String? = nil, dataFiles: [DataFileRecord] = [], otherLines: [String] = []) {
        self.title = title
        self.survVersion = survVersion
        self.dataFiles = dataFiles
        self.otherLines = otherLines
    }

    /// Reads the lines between the `---` delimiters; `firstLine` is the file line of the first of them.
    static func parse(_ lines: [String], firstLine: Int) throws(NotebookProblem) -> FrontMatter {
        var matter = FrontMatter()
        var inData = false
        for (offset, raw) in lines.enumerated() {
            let number = firstLine + offset
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { matter.otherLines.append(raw); continue }
            let indented = raw.first == " " || raw.first == "\t"
            if inData && indented {
                var item = trimmed
                if item.hasPrefix("- ") {
                    item = String(item.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                    matter.dataFiles.append(DataFileRecord(path: "", sha256: "", line: number))
                }
                guard let (key, value) = Self.keyValue(item), let last = matter.dataFiles.indices.last else {
                    throw NotebookProblem(line: number, "cannot read this data entry in the front matter",
                                          hint: "each entry is '- path: \"file.csv\"' followed by 'sha256: HEX'")
                }
                switch key {
                case "path": matter.dataFiles[last].path = value
                case "sha256": matter.dataFiles[last].sha256 = value.lowercased()
                default: break
                }
                continue
            }
            inData = false
            guard let (key, value) = Self.keyValue(trimmed) else { matter.otherLines.append(raw); continue }
            switch key {
            case "title": matter.title = value
            case "surv": matter.survVersion = value
            case "data":
                guard value.isEmpty else {
                    throw NotebookProblem(line: number, "'data' in the front matter must be a list of files", hint: "write the entries on the following lines")
                }
                inData = true
            default: matter.otherLines.append(raw)
            }
        }
        for record in matter.dataFiles {
            if record.path.isEmpty {
                throw NotebookProblem(line: record.line, "this data entry has no path")
            }
            if record.sha256.count != 64 || !record.sha256.allSatisfy(\.isHexDigit) {
                throw NotebookProblem(line: record.line, "the data entry for '\(record.path)' has no valid sha256 (64 hexadecimal digits)",
                                      hint: "'surv replay --update' rewrites the hashes")
            }
        }
        return matter
    }

    /// The front matter as written by surv, delimiters included, each line ending in "\n".
    public var rendered: String {
        var out = "---\n"
        if let title { out += "title: \(Self.quoted(title))\n" }
        if let survVersion { out += "surv: \(survVersion)\n" }
        if !dataFiles.isEmpty {
            out += "data:\n"
            for file in dataFiles { out += "  - path: \(Self.quoted(file.path))\n    sha256: \(file.sha256)\n" }
        }
        for line in otherLines where !line.trimmingCharacters(in: .whitespaces).isEmpty { out += line + "\n" }
        return out + "---\n"
    }

    private static func keyValue(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (key, unquoted(value))
    }

    /// YAML double-quoted strings with the escapes surv writes (`\"`, `\\`, `\n`, `\t`); single quotes with `''`.
    static func unquoted(_ value: String) -> String {
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var out = ""
        var escaping = false
        for c in value.dropFirst().dropLast() {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            // A raw carriage return would end the line when the notebook is read back.
            case "\r", "\r\n": out += c == "\r" ? "\\r" : "\\r\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
