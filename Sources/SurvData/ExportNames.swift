/// Column names as a Stata or SPSS file allows them. surv's names may hold dots (`ph.ecog`), spaces or
/// anything a CSV header held; such a name is changed as Stata's `import delimited` changes it — each
/// character the format does not allow becomes `_`, a name that cannot start as it does gets a `v` before
/// it, a reserved word gets a `_` after it — and made unique, and the export says which names changed.
enum ExportNames {
    private static let stataReserved: Set<String> = [
        "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi",
        "_pred", "_rc", "_skip", "strL", "using", "with",
    ]
    private static let spssReserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]

    static func names(for names: [String], format: ExportFormat) -> [String] {
        let stata = format == .stata
        let maximumLength = stata ? 32 : 64
        var taken = Set<String>()
        return names.map { original in
            var scalars = original.unicodeScalars.map { scalar -> Character in
                let ascii = scalar.isASCII ? UInt8(scalar.value) : 0
                let letter = (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122)
                let digit = ascii >= 48 && ascii <= 57
                let allowed = letter || digit || ascii == 95 || (!stata && (ascii == 46 || ascii == 36 || ascii == 35 || ascii == 64))
                return allowed ? Character(scalar) : "_"
            }
            if !stata { while scalars.last == "." { scalars[scalars.count - 1] = "_" } }
            let startsWell = scalars.first.map { $0.isLetter || (stata && $0 == "_") } ?? false
            var name = (startsWell ? "" : "v") + String(scalars.prefix(maximumLength - (startsWell ? 0 : 1)))
            if name == "v" { name = "v1" }
            let reserved = stata ? stataReserved.contains(name) || name.hasPrefix("str") && name.dropFirst(3).allSatisfy(\.isNumber) && name.count > 3
                                 : spssReserved.contains(name.uppercased())
            if reserved { name = String(name.prefix(maximumLength - 1)) + "_" }
            // SPSS compares names without regard to case; Stata does not, but a user reading both would.
            var unique = name
            var suffix = 2
            while taken.contains(unique.lowercased()) {
                let ending = "_\(suffix)"
                unique = String(name.prefix(maximumLength - ending.count)) + ending
                suffix += 1
            }
            taken.insert(unique.lowercased())
            return unique
        }
    }
}
