/// One column of a Stata, SPSS or SAS file while it is read: what the file says of it, and its text interned
/// as it arrives (numbers are gathered in C, see crs_values).
struct StatVariable {
    var name: String
    var label: String?
    var isText: Bool
    var labelSet: String?
    var dateStyle: DateStyle?

    private var codes: [Int32] = []
    /// Distinct texts in order of first appearance; sorted into level order at the end.
    private var texts: [String] = []
    private var textCodes: [String: Int32] = [:]

    init(name: String, label: String?, isText: Bool, labelSet: String?, dateStyle: DateStyle?) {
        self.name = name
        self.label = label
        self.isText = isText
        self.labelSet = labelSet
        self.dateStyle = dateStyle
    }

    mutating func reserve(_ rows: Int) {
        if rows > 0 { codes.reserveCapacity(rows) }
    }

    mutating func appendText(_ text: String?) {
        guard let text else { codes.append(-1); return }
        if let code = textCodes[text] {
            codes.append(code)
            return
        }
        let code = Int32(texts.count)
        texts.append(text)
        textCodes[text] = code
        codes.append(code)
    }

    /// A numeric column with labels becomes a category when a value it holds is labelled, every value without
    /// a label is a whole number, and it has at most this many distinct values: a measurement with one
    /// labelled special value (`0 = none`, decimals elsewhere) stays a number.
    static let maximumLabelledLevels = 100

    /// The finished text column.
    func column(labels: [(code: Double, label: String)], family: StatFileFamily) -> Column {
        let order = LevelOrder.order(texts)
        var rank = [Int32](repeating: -1, count: texts.count)
        for (position, original) in order.enumerated() { rank[original] = Int32(position) }
        let sortedCodes = codes.map { $0 >= 0 && Int($0) < rank.count ? rank[Int($0)] : -1 }
        return Column(name: name, data: .text(codes: sortedCodes, levels: order.map { texts[$0] }), label: label)
    }

    /// The finished numeric column. `labels` is the column's value-label set, in the file's order.
    func column(numbers: [Double], missing: [Bool], labels: [(code: Double, label: String)], family: StatFileFamily) -> Column {
        if let dateStyle {
            let days = zip(numbers, missing).map { $1 ? 0 : family.days(fromStored: $0, style: dateStyle) }
            return Column(name: name, data: .number(days, missing: missing), label: label, dateStyle: dateStyle)
        }
        if !labels.isEmpty, let labelled = labelledColumn(numbers: numbers, missing: missing, labels) { return labelled }
        return Column(name: name, data: .number(numbers, missing: missing), label: label)
    }

    private func labelledColumn(numbers: [Double], missing: [Bool], _ labels: [(code: Double, label: String)]) -> Column? {
        var labelOf: [Double: String] = [:]
        for (code, text) in labels where labelOf[code] == nil { labelOf[code] = text }
        var distinct = Set<Double>()
        for (value, isMissing) in zip(numbers, missing) where !isMissing {
            if distinct.insert(value).inserted, distinct.count > Self.maximumLabelledLevels { return nil }
        }
        guard distinct.contains(where: { labelOf[$0] != nil }),
              distinct.allSatisfy({ labelOf[$0] != nil || $0 == $0.rounded() }) else { return nil }
        let values = distinct.sorted()
        var levels = values.map { value -> String in
            let text = labelOf[value] ?? ""
            return text.trimmingCharacters(in: .whitespaces).isEmpty ? StatText.number(value) : text
        }
        // Two codes with one label would be one level with two meanings: each keeps its code in its name.
        var seen: [String: Int] = [:]
        for level in levels { seen[level, default: 0] += 1 }
        for i in levels.indices where (seen[levels[i]] ?? 0) > 1 { levels[i] += " (\(StatText.number(values[i])))" }
        // At most 100 sorted values: a binary search per row, not a hash of each.
        func code(of value: Double) -> Int32 {
            var low = 0, high = values.count - 1
            while low <= high {
                let middle = (low + high) / 2
                if values[middle] == value { return Int32(middle) }
                if values[middle] < value { low = middle + 1 } else { high = middle - 1 }
            }
            return -1
        }
        let codes = zip(numbers, missing).map { value, isMissing in isMissing ? Int32(-1) : code(of: value) }
        return Column(name: name, data: .text(codes: codes, levels: levels), label: label, levelValues: values)
    }
}
