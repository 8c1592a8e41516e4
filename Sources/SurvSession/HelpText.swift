import SurvData
import SurvLanguage
import SurvResults

/// `help` and `help CMD`, drawn from the command catalog so help and the parser cannot disagree.
enum HelpText {
    static func report(for topic: String?) -> HelpReport {
        if let topic, let entry = CommandCatalog.entry(named: topic) {
            // The catalog is the one place that lists the bundled data sets, so help cannot name a set that is
            // not there or miss one that is.
            let datasets = entry.name == "load"
                ? BundledDatasets.names.map { HelpReport.Entry(name: $0, summary: BundledDatasets.about($0) ?? "") } : []
            return HelpReport(.command(usage: entry.usage, summary: entry.summary, example: entry.example,
                                       datasetsHeading: entry.name == "load" ? "bundled data sets:" : nil, datasets: datasets))
        }
        return HelpReport(.overview(
            heading: "Commands (one per line, or separated by ';'; a line starting with # is prose):",
            commands: CommandCatalog.entries.map { HelpReport.Entry(name: $0.name, summary: $0.summary) },
            closing: "Type 'help COMMAND' for its usage and an example.",
            notes: [
                "A column name that is not a plain word goes in backquotes: `Group Name`, `HR (95%)` (a backquote inside is doubled: `a``b`).",
                "Commands from R or Stata (stset, stcox, coxph, survfit, survdiff, sts list) are answered with surv's own.",
                "At the prompt, Tab completes names and words; quit, exit, q or Ctrl-D leaves.",
            ]))
    }
}
