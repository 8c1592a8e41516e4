import CReadStat

/// The statistical packages' file formats surv reads (through ReadStat), chosen by the file's extension.
public enum StatFileFormat: String, Sendable, CaseIterable {
    case stata
    case spss
    case spssCompressed
    case spssPortable
    case sas
    case sasTransport

    /// `.dta`, `.sav`, `.zsav`, `.por`, `.sas7bdat`, `.xpt` (any case); nil for any other name.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "dta": self = .stata
        case "sav": self = .spss
        case "zsav": self = .spssCompressed
        case "por": self = .spssPortable
        case "sas7bdat": self = .sas
        case "xpt", "xport": self = .sasTransport
        default: return nil
        }
    }

    public static let extensions = ["dta", "sav", "zsav", "por", "sas7bdat", "xpt"]

    /// The package's name, for messages ("not a valid Stata file").
    public var packageName: String {
        switch self {
        case .stata: return "Stata"
        case .spss, .spssCompressed: return "SPSS"
        case .spssPortable: return "SPSS portable"
        case .sas: return "SAS"
        case .sasTransport: return "SAS transport"
        }
    }

    /// "a Stata", "an SPSS", "a SAS transport".
    public var withArticle: String {
        (self == .spss || self == .spssCompressed || self == .spssPortable ? "an " : "a ") + packageName
    }

    var family: StatFileFamily {
        switch self {
        case .stata: return .stata
        case .spss, .spssCompressed, .spssPortable: return .spss
        case .sas, .sasTransport: return .sas
        }
    }

    var parserFormat: crs_format {
        switch self {
        case .stata: return CRS_FORMAT_DTA
        case .spss, .spssCompressed: return CRS_FORMAT_SAV
        case .spssPortable: return CRS_FORMAT_POR
        case .sas: return CRS_FORMAT_SAS7BDAT
        case .sasTransport: return CRS_FORMAT_XPORT
        }
    }
}

/// Formats of one package store dates the same way.
enum StatFileFamily {
    case stata, spss, sas

    /// Whether a display format names dates (or dates and times), as R's haven reads them: Stata `%td`,
    /// `%d`, `%tc`, `%tC`; SPSS `DATE`, `ADATE`, `EDATE`, `JDATE`, `SDATE`, `DATETIME`, `YMDHMS`; SAS `DATE`,
    /// `MMDDYY`, `DDMMYY`, `YYMMDD`, `WEEKDATE`, the ISO 8601 `E8601DA`/`IS8601DA`, `DATETIME`, `E8601DT`.
    func dateStyle(ofFormat format: String) -> DateStyle? {
        let upper = format.uppercased()
        switch self {
        case .stata:
            if format.hasPrefix("%tc") || format.hasPrefix("%tC") { return .dateTime }
            if format.hasPrefix("%td") || format.hasPrefix("%d") { return .date }
            return nil
        case .spss:
            if upper.hasPrefix("DATETIME") || upper.hasPrefix("YMDHMS") { return .dateTime }
            if ["DATE", "ADATE", "EDATE", "JDATE", "SDATE"].contains(where: { upper.hasPrefix($0) }) { return .date }
            return nil
        case .sas:
            if ["DATETIME", "E8601DT", "IS8601DT", "B8601DT"].contains(where: { upper.hasPrefix($0) }) { return .dateTime }
            if ["DATE", "MMDDYY", "DDMMYY", "YYMMDD", "WEEKDATE", "E8601DA", "IS8601DA", "B8601DA"]
                .contains(where: { upper.hasPrefix($0) }) { return .date }
            return nil
        }
    }

    /// Days from the package's day 0 to 1970-01-01: 1960-01-01 for Stata and SAS, 1582-10-14 for SPSS.
    private var epochOffset: Double {
        self == .spss ? 141_428 : 3653
    }

    /// A stored date or date-time as days since 1970-01-01: Stata counts milliseconds for `%tc`, SPSS seconds
    /// for both, SAS seconds for date-times.
    func days(fromStored value: Double, style: DateStyle) -> Double {
        let units: Double
        switch (self, style) {
        case (.stata, .date), (.sas, .date): units = 1
        case (.stata, .dateTime): units = 86_400_000
        case (.spss, _), (.sas, .dateTime): units = 86_400
        }
        return value / units - epochOffset
    }

    /// The inverse of `days(fromStored:style:)`, for writing.
    func stored(fromDays days: Double, style: DateStyle) -> Double {
        let units: Double
        switch (self, style) {
        case (.stata, .date), (.sas, .date): units = 1
        case (.stata, .dateTime): units = 86_400_000
        case (.spss, _), (.sas, .dateTime): units = 86_400
        }
        return (days + epochOffset) * units
    }
}
