extension LineEditor {
    /// Where surv keeps its history: `$SURV_HISTORY` if set, otherwise
    /// `~/.surv_history`. Returns nil (history kept only for this session) when
    /// `SURV_HISTORY` is set to the empty string, or when neither it nor
    /// `HOME` is set. A leading `~/` in `SURV_HISTORY` is expanded.
    public static func defaultHistoryPath(environment: [String: String]) -> String? {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let configured = environment["SURV_HISTORY"] {
            if configured.isEmpty { return nil }
            if configured.hasPrefix("~/"), let home {
                return joined(home, String(configured.dropFirst(2)))
            }
            return configured
        }
        guard let home else { return nil }
        return joined(home, ".surv_history")
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
