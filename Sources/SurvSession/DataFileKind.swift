import SurvData
import SurvLanguage

/// Which files `load` reads, by the name typed: Stata, SPSS and SAS files through ReadStat, and anything
/// else as delimited text — except the formats that are known not to be text, which would otherwise be
/// refused byte by byte ("binary byte 0x07 in text") instead of by what they are.
enum DataFileKind {
    private static let otherFormats: [String: String] = [
        "xlsx": "an Excel workbook", "xls": "an Excel workbook", "xlsm": "an Excel workbook", "ods": "an OpenDocument spreadsheet",
        "rds": "an R data file", "rdata": "an R data file", "rda": "an R data file",
        "parquet": "a Parquet file", "feather": "a Feather file", "arrow": "an Arrow file",
        "sas7bcat": "a SAS format catalog (value labels, not data)", "json": "a JSON file",
        "sqlite": "an SQLite database", "db": "a database file", "mat": "a MATLAB file",
        "zip": "a compressed archive", "gz": "a compressed file", "bz2": "a compressed file", "xz": "a compressed file",
    ]

    /// Why a file cannot be loaded, judged by its name alone; nil when it can be tried.
    static func refusal(forFileNamed name: String) -> Diagnostic? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...].lowercased()
        guard let what = otherFormats[suffix] else { return nil }
        return Diagnostic("'\(name)' is \(what); surv reads CSV and TSV text, and Stata (.dta), SPSS (.sav, .zsav, .por) and SAS (.sas7bdat, .xpt) files",
                          hint: "export it as CSV, or save it as one of those formats, then load that")
    }
}
