/// Checks `plot` against what its figure can show: each option once, only where it means something, with
/// values that draw (`xmax` and `by` positive, an SVG file name), so a figure is never half-drawn.
extension Checker {
    func checkPlot(_ syntax: PlotSyntax) throws(Diagnostic) -> PlotPlan {
        guard let figure = PlotPlan.Figure(rawValue: syntax.figure.text.lowercased()), !syntax.figure.text.isEmpty else {
            throw Diagnostic("there is no '\(syntax.figure.text)' figure", at: syntax.figure.range,
                             hint: Suggestions.hint(for: syntax.figure.text, in: ["km", "zph", "cox", "cuminc"])
                                ?? "plot km (the curves), plot zph (the PH check), plot cox (a forest plot) or plot cuminc")
        }
        switch figure {
        case .km:
            try requireEndpoint()
        case .cuminc:
            try requireCompetingRisks("plot cuminc")
        case .zph, .cox:
            guard context.hasCoxModel else {
                throw Diagnostic("there is no Cox model to plot", at: syntax.figure.range, hint: "fit one first, e.g. cox age + sex")
            }
        }
        var plan = PlotPlan(figure: figure)
        var seen: [String: SourceRange] = [:]
        for option in syntax.options {
            // `cumhaz` and `cuminc` are two values of one choice: the y axis.
            let key = ["cumhaz", "cuminc"].contains(option.word) ? "scale" : option.word
            if let first = seen[key] {
                let what = key == "scale" ? "the y axis is chosen twice (cumhaz or cuminc, not both)" : "'\(option.word)' is given twice"
                throw Diagnostic(what, at: option.range, hint: "the first is at column \(first.start + 1); keep one")
            }
            seen[key] = option.range
            guard Self.plotOptions[figure]?.contains(option.word) ?? false else {
                let owners = Self.plotOptions.filter { $0.value.contains(option.word) }.map { "plot " + $0.key.rawValue }.sorted()
                throw Diagnostic("'\(option.word)' is not an option of plot \(figure.rawValue)", at: option.range,
                                 hint: owners.isEmpty ? nil : "it belongs to " + owners.joined(separator: " and "))
            }
            if option.negated && !PlotOptionWords.negatable.contains(option.word) {
                throw Diagnostic("'no \(option.word)' means nothing: \(option.word) is off unless asked for", at: option.range,
                                 hint: "leave it out")
            }
            try apply(option, to: &plan)
        }
        return plan
    }

    /// The options each figure takes; the rest are refused by name.
    static let plotOptions: [PlotPlan.Figure: Set<String>] = [
        .km: ["ci", "risktable", "censor", "percent", "cumhaz", "cuminc", "xmax", "by", "xlab", "ylab", "title", "to"],
        .zph: ["xlab", "title", "to"],
        .cox: ["title", "to"],
        .cuminc: ["ci", "risktable", "percent", "xmax", "by", "xlab", "ylab", "title", "to"],
    ]

    private func apply(_ option: PlotOptionSyntax, to plan: inout PlotPlan) throws(Diagnostic) {
        switch (option.word, option.value) {
        case ("ci", _): plan.confidenceBand = true
        case ("risktable", _): plan.riskTable = !option.negated
        case ("censor", _): plan.censorMarks = !option.negated
        case ("percent", _): plan.percent = true
        case ("cumhaz", _): plan.scale = .cumulativeHazard
        case ("cuminc", _): plan.scale = .cumulativeIncidence
        case ("xmax", .number(let value, let range)?):
            guard value > 0, value.isFinite else { throw Diagnostic("xmax must be a positive time", at: range, hint: "e.g. xmax 60") }
            plan.xmax = value
        case ("by", .number(let value, let range)?):
            guard value > 0, value.isFinite else { throw Diagnostic("the tick spacing must be positive", at: range, hint: "e.g. by 12") }
            plan.tickSpacing = value
        case ("xlab", .string(let text, _)?): plan.xLabel = text
        case ("ylab", .string(let text, _)?): plan.yLabel = text
        case ("title", .string(let text, _)?): plan.title = text
        case ("to", .string(let path, let range)?):
            guard !path.isEmpty else { throw Diagnostic("the file name is empty", at: range, hint: "plot km to \"km.svg\"") }
            guard path.lowercased().hasSuffix(".svg") else {
                throw Diagnostic("a figure is written as SVG: the file name ends in .svg", at: range, hint: "e.g. to \"km.svg\"")
            }
            plan.path = path
        default:
            throw Diagnostic("'\(option.word)' needs a value", at: option.range)
        }
        if plan.percent && plan.scale == .cumulativeHazard {
            throw Diagnostic("a cumulative hazard is not a proportion: percent does not apply to cumhaz", at: option.range,
                             hint: "leave out percent, or plot cuminc for the fraction with the event")
        }
    }
}
