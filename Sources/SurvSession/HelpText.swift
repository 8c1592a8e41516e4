import SurvLanguage

/// `help` and `help CMD`, drawn from the command catalog so help and the parser cannot disagree.
enum HelpText {
    static func text(for topic: String?) -> String {
        if let topic, let entry = CommandCatalog.entry(named: topic) {
            return "\(entry.usage)\n  \(entry.summary)\n  example: \(entry.example)"
        }
        let width = CommandCatalog.entries.map(\.name.count).max() ?? 8
        var lines = ["Commands (one per line, or separated by ';'; a line starting with # is prose):"]
        for entry in CommandCatalog.entries {
            lines.append("  " + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary)
        }
        lines.append("Type 'help COMMAND' for its usage and an example.")
        return lines.joined(separator: "\n")
    }
}
