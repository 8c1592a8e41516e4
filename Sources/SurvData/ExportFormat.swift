/// The formats `export` writes, chosen by the file's extension.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    case tsv
    /// Stata 14 to 18 (format 118: UTF-8, long names).
    case stata
    case spss

    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "dta": self = .stata
        case "sav": self = .spss
        default: return nil
        }
    }

    public static let extensions = ["csv", "tsv", "dta", "sav"]

    public var description: String {
        switch self {
        case .csv: return "CSV"
        case .tsv: return "TSV"
        case .stata: return "Stata 14+"
        case .spss: return "SPSS"
        }
    }
}

/// A table encoded for export, with what had to change on the way (names the format does not allow).
public struct ExportedData: Sendable {
    public var bytes: [UInt8]
    /// Columns renamed for the format, `(surv's name, the file's name)`, in column order.
    public var renamed: [(from: String, to: String)]
    /// Variable labels cut to the format's length.
    public var shortenedLabels: [String]
}

public enum DataExport {
    /// The largest file written: what `load` reads back.
    public static let maximumBytes = 1 << 31

    /// Encodes `table` (already the rows to export) in `format`.
    public static func encode(_ table: DataTable, as format: ExportFormat) throws -> ExportedData {
        switch format {
        case .csv: return ExportedData(bytes: try CSVExport.bytes(table, delimiter: ","), renamed: [], shortenedLabels: [])
        case .tsv: return ExportedData(bytes: try CSVExport.bytes(table, delimiter: "\t"), renamed: [], shortenedLabels: [])
        case .stata, .spss: return try StatFileWriter.encode(table, as: format)
        }
    }
}
