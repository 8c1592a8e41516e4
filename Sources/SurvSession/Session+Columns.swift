import SurvData
import SurvLanguage
import SurvResults

/// `show columns`: every column of the data set, with its type, its label and, for categories made from
/// value labels, the code of each level (what `where arm == 1` compares).
extension Session {
    func showColumns() throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let rows = keptRows ?? Array(0..<table.rowCount)
        let columns = table.columns.map { column -> ColumnInfo in
            let missing = rows.reduce(0) { $0 + (column.isMissing($1) ? 1 : 0) }
            switch column.data {
            case .number:
                let kind: ColumnInfo.Kind = column.dateStyle == .date ? .date : (column.dateStyle == .dateTime ? .dateTime : .number)
                return ColumnInfo(name: column.name, kind: kind, label: column.label, missing: missing)
            case .text(_, let levels):
                return ColumnInfo(name: column.name, kind: column.levelValues == nil ? .text : .labelled, label: column.label,
                                  levels: levels, codes: column.levelValues, missing: missing)
            }
        }
        return .columns(ColumnListReport(dataset: table.name, rows: rows.count, columns: columns))
    }
}
