import SurvCore
import SurvData
import SurvLanguage
import SurvResults

extension Session {
    /// Beyond this many distinct values a numeric column is a measurement, not a list of codes worth showing.
    private static let maximumListedValues = 12

    /// Why a `where` kept no rows, when the likely reason is a value the column never takes: `sex == "m"` on a
    /// column of `F` and `M`. The hint lists the column's levels, those that differ from the value only in case
    /// or by a slip first. Nil when every compared value occurs in its column (the condition is just empty).
    func levelHint(for condition: TypedExpression) -> String? {
        guard let table else { return nil }
        for (column, value) in Self.comparedValues(condition) {
            guard let found = table.column(named: column) else { continue }
            let data = found.data
            // A labelled column compared by its code: its codes, with what each stands for.
            if case .number(let number) = value, let codes = found.levelValues, case .text(_, let levels) = data {
                guard !codes.contains(number) else { continue }
                let listed = zip(codes, levels).map { "\(NumberText.short($0)) = \($1)" }
                let name = NameSyntax.isPlain(column) ? "'\(column)'" : NameSyntax.written(column)
                guard let list = Suggestions.listing("its codes are", listed) else { continue }
                return "\(name) has no value \(NumberText.short(number)); \(list)"
            }
            let shown: [String]
            let wanted: String
            switch (data, value) {
            case (.text(_, let levels), .text(let text)):
                guard !levels.contains(text) else { continue }
                wanted = text
                shown = levels
            case (.number(let values, let missing), .number(let number)):
                var distinct = Set<Double>()
                for (v, isMissing) in zip(values, missing) where !isMissing {
                    distinct.insert(v)
                    if distinct.count > Self.maximumListedValues { break }
                }
                guard !distinct.contains(number), distinct.count <= Self.maximumListedValues else { continue }
                wanted = NumberText.short(number)
                shown = distinct.sorted().map { NumberText.short($0) }
            default:
                continue
            }
            // Near misses only among text: the number 1 is no slip for 3.
            var near: [String] = []
            if case .text = value {
                let lower = wanted.lowercased()
                near = shown.filter { $0.lowercased() == lower } + Suggestions.closest(to: wanted, in: shown)
                    + shown.filter { lower.count >= 2 && $0.lowercased().hasPrefix(lower) }
            }
            var ordered: [String] = []
            for level in near + shown where !ordered.contains(level) { ordered.append(level) }
            let quote: (String) -> String = { if case .text = value { return "\"\($0)\"" } else { return $0 } }
            let name = NameSyntax.isPlain(column) ? "'\(column)'" : NameSyntax.written(column)
            guard let list = Suggestions.listing("its values are", ordered.map(quote)) else { continue }
            let lead = near.first.map { "did you mean \(quote($0))? " } ?? ""
            return "\(lead)\(name) has no value \(quote(wanted)); \(list)"
        }
        return nil
    }

    /// (column, value) pairs that a condition tests for equality: `x == "a"`, `"a" == x`, `x in ("a", "b")`.
    /// Walks the expression's tree, which the parser bounded in depth and size.
    private static func comparedValues(_ condition: TypedExpression) -> [(String, TypedExpression)] {
        switch condition {
        case .compare(.equal, .column(let name, _), let value), .compare(.equal, let value, .column(let name, _)):
            switch value {
            case .text, .number: return [(name, value)]
            default: return []
            }
        case .inTexts(.column(let name, _), let values, negated: false):
            return values.map { (name, .text($0)) }
        case .inNumbers(.column(let name, _), let values, negated: false):
            return values.map { (name, .number($0)) }
        case .logical(_, let a, let b):
            return comparedValues(a) + comparedValues(b)
        default:
            return []
        }
    }
}
