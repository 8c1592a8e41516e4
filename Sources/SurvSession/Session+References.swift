import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `set ref COLUMN VALUE`: one reference level per column, so that strata, tables and Cox terms agree on
/// which level comes first (R's `relevel`): the first stratum of km and logrank, the first row of tab, the
/// level a Cox term's hazard ratios compare against.
extension Session {
    func setReference(_ column: String, _ level: ReferenceLevel?) throws(Diagnostic) -> Report {
        guard let table, let found = table.column(named: column) else { throw Diagnostic("unknown column '\(column)'") }
        let data = found.data
        guard var level else {
            referenceLevels[column] = nil
            return .message("\(column): levels in their natural order (no reference level set)")
        }
        // A labelled column's level given by its code (set ref arm 0) is that level.
        if case .number(let code) = level, let values = found.levelValues, case .text(_, let levels) = data {
            guard let index = values.firstIndex(of: code), index < levels.count else {
                let codes = values.indices.filter { $0 < levels.count }.map { "\(NumberText.short(values[$0])) = \(levels[$0])" }
                throw Diagnostic("'\(column)' has no value \(NumberText.short(code))",
                                 hint: Suggestions.listing("its codes are", codes) ?? "'tab \(column)' lists its values")
            }
            level = .text(levels[index])
        }
        let exists: Bool
        let shown: String
        switch (data, level) {
        case (.text(let codes, let levels), .text(let text)):
            // A level no row holds any more (after a replaced column) is not a level.
            exists = levels.firstIndex(of: text).map { index in codes.contains(Int32(index)) } ?? false
            shown = "\"\(text)\""
        case (.number(let values, let missing), .number(let value)):
            exists = values.indices.contains { !missing[$0] && values[$0] == value }
            shown = NumberText.short(value)
        default:
            exists = false
            shown = "?"
        }
        guard exists else {
            throw Diagnostic("'\(column)' has no value \(shown)", hint: Self.valuesHint(data, for: level) ?? "'tab \(column)' lists its values")
        }
        referenceLevels[column] = level
        return .message("\(column): reference level \(shown), listed first by stratify and tab and the reference of cox terms")
    }

    /// The column's values, a level differing only in case or by a slip first (`set ref sex "F"` on a column
    /// of f and m): "did you mean "f"? its values are: "f", "m"". Numbers are listed when there are few.
    static func valuesHint(_ data: ColumnData, for level: ReferenceLevel) -> String? {
        switch (data, level) {
        case (.text(let codes, let levels), .text(let text)):
            let present = levels.indices.filter { index in codes.contains(Int32(index)) }.map { levels[$0] }
            let near = present.filter { $0.lowercased() == text.lowercased() } + Suggestions.closest(to: text, in: present)
            var ordered: [String] = []
            for value in near + present where !ordered.contains(value) { ordered.append(value) }
            guard let list = Suggestions.listing("its values are", ordered.map { "\"\($0)\"" }) else { return nil }
            return (near.first.map { "did you mean \"\($0)\"? " } ?? "") + list
        case (.number(let values, let missing), .number):
            var distinct = Set<Double>()
            for (v, isMissing) in zip(values, missing) where !isMissing {
                distinct.insert(v)
                if distinct.count > 12 { return nil }
            }
            return Suggestions.listing("its values are", distinct.sorted().map { NumberText.short($0) })
        default:
            return nil
        }
    }

    /// The position of each level (by index into `count` levels in natural order) once the column's reference,
    /// if any, is moved first; `matches` says whether a level is the reference.
    static func referenceFirst(count: Int, matches: (Int) -> Bool) -> [Int] {
        guard let reference = (0..<count).first(where: matches) else { return Array(0..<count) }
        return (0..<count).map { $0 == reference ? 0 : ($0 < reference ? $0 + 1 : $0) }
    }
}
