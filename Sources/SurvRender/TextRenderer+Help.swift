import SurvResults

extension TextRenderer {
    /// Help wraps at word boundaries within 80 columns; a continuation is indented under its own line, and a
    /// long summary continues under itself so the names stay a column of their own.
    func help(_ r: HelpReport) -> String {
        switch r.topic {
        case .command(let usage, let summary, let example, let datasetsHeading, let datasets):
            var lines = [TextWrap.wrap(usage, hanging: "    "), TextWrap.wrap("  " + summary, hanging: "  "),
                         TextWrap.wrap("  example: \(example)", hanging: "           ")]
            if let datasetsHeading {
                lines.append("  " + datasetsHeading)
                lines.append(contentsOf: column(datasets, indent: 4))
            }
            return lines.joined(separator: "\n")
        case .overview(let heading, let commands, let closing, let notes):
            var lines = [heading]
            lines.append(contentsOf: column(commands, indent: 2))
            lines.append(closing)
            lines.append(contentsOf: notes.map { TextWrap.wrap($0) })
            return lines.joined(separator: "\n")
        }
    }

    private func column(_ entries: [HelpReport.Entry], indent: Int) -> [String] {
        let width = entries.map(\.name.count).max() ?? 8
        let pad = String(repeating: " ", count: indent)
        return entries.map { entry in
            TextWrap.wrap(pad + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary,
                          hanging: String(repeating: " ", count: width + 2))
        }
    }
}
