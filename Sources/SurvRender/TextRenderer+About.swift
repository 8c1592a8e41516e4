import SurvResults

extension TextRenderer {
    /// The description, the endpoints `load` declares, then the dictionary as written.
    func about(_ r: AboutReport) -> String {
        var lines = ["\(r.dataset): \(r.about)"]
        if !r.endpoints.isEmpty {
            let declared = r.endpoints.map { "\($0.name) = Surv(\($0.time), \($0.event))" }.joined(separator: ", ")
            lines.append("endpoints declared on load: \(declared)")
        }
        if let dictionary = r.dictionary {
            lines.append("")
            lines.append(dictionary.hasSuffix("\n") ? String(dictionary.dropLast()) : dictionary)
        }
        return lines.joined(separator: "\n")
    }
}
