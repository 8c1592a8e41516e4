import SurvData
import SurvLanguage
import SurvRender

/// `help` and `help CMD`, drawn from the command catalog so help and the parser cannot disagree.
enum HelpText {
    static func text(for topic: String?) -> String {
        if let topic, let entry = CommandCatalog.entry(named: topic) {
            // Wrapped at word boundaries within 80 columns; a continuation is indented under its own line.
            var lines = [TextWrap.wrap(entry.usage, hanging: "    "), TextWrap.wrap("  " + entry.summary, hanging: "  "),
                         TextWrap.wrap("  example: \(entry.example)", hanging: "           ")]
            if entry.name == "load" { lines.append(bundledDatasets()) }
            return lines.joined(separator: "\n")
        }
        let width = CommandCatalog.entries.map(\.name.count).max() ?? 8
        var lines = ["Commands (one per line, or separated by ';'; a line starting with # is prose):"]
        for entry in CommandCatalog.entries {
            // A long summary continues under itself, so the command names stay a column of their own.
            lines.append(TextWrap.wrap("  " + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary,
                                       hanging: String(repeating: " ", count: width + 2)))
        }
        lines.append("Type 'help COMMAND' for its usage and an example.")
        lines.append(TextWrap.wrap("A column name that is not a plain word goes in backquotes: `Group Name`, `HR (95%)` (a backquote inside is doubled: `a``b`)."))
        lines.append(TextWrap.wrap("Commands from R or Stata (stset, stcox, coxph, survfit, survdiff, sts list) are answered with surv's own."))
        lines.append("At the prompt, Tab completes names and words; quit, exit, q or Ctrl-D leaves.")
        return lines.joined(separator: "\n")
    }

    /// The bundled data sets, each with its description and source, for `help load`: the catalog is the
    /// one place that lists them, so help cannot name a set that is not there or miss one that is.
    private static func bundledDatasets() -> String {
        let width = BundledDatasets.names.map(\.count).max() ?? 8
        var lines = ["  bundled data sets:"]
        for name in BundledDatasets.names {
            let about = BundledDatasets.about(name) ?? ""
            // A long description continues under itself, so the names stay a column of their own.
            lines.append(TextWrap.wrap("    " + name + String(repeating: " ", count: width - name.count + 2) + about,
                                       hanging: String(repeating: " ", count: width + 2)))
        }
        return lines.joined(separator: "\n")
    }
}
