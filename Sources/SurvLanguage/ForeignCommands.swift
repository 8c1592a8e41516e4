/// Words that R and Stata users type out of habit (`stset`, `coxph`, `survfit`, `sts graph`), answered with
/// the surv command that does the job and its usage.
///
/// They are errors, not aliases: a notebook then reads in one vocabulary, and the foreign command's own
/// syntax (`stcox age sex`, `coxph(Surv(t, s) ~ age)`) would not parse as surv's anyway, so an alias would
/// accept the name only to fail on the rest. The answer costs one retyped word and teaches the surv one.
/// They are looked up before did-you-mean, which would otherwise offer 'set' for `stset`.
public enum ForeignCommands {
    public struct Answer: Equatable, Sendable {
        /// Where the word comes from ("Stata", "R").
        public var origin: String
        /// The surv command that does the job, nil when surv has none yet.
        public var command: String?
        /// What to type instead, or why there is nothing.
        public var hint: String
    }

    /// Leaving the interactive prompt. Ctrl-D does the same; in a script or a notebook these are refused.
    public static let quitWords: Set<String> = ["q", "quit", "exit", "q()", "quit()", "exit()"]

    /// True when the whole line asks to leave the REPL.
    public static func isQuit(_ line: String) -> Bool {
        let trimmed = line.filter { !$0.isWhitespace }.lowercased()
        return trimmed.count <= 6 && quitWords.contains(trimmed)
    }

    /// The command's first form of usage, without the notes: `endpoint TIME, EVENT`.
    private static func usage(_ name: String) -> String {
        guard let entry = CommandCatalog.entry(named: name) else { return name }
        let form = entry.usage.split(separator: " | ").first.map(String.init) ?? entry.usage
        let first = form.split(separator: "  ").first.map(String.init) ?? form
        return "\(first) (type 'help \(name)' for more)"
    }

    /// The answer for a command word `word`, followed by `next` (Stata's `sts` takes a subcommand).
    public static func answer(for word: String, next: String? = nil) -> Answer? {
        let word = word.lowercased()
        func surv(_ origin: String, _ command: String) -> Answer {
            Answer(origin: origin, command: command, hint: usage(command))
        }
        switch word {
        case "stset": return surv("Stata", "endpoint")
        case "sts":
            switch next?.lowercased() {
            case "graph": return surv("Stata", "plot")
            case "test": return surv("Stata", "logrank")
            default: return surv("Stata", "km")
            }
        case "stcox", "coxph": return surv(word == "stcox" ? "Stata" : "R", "cox")
        case "estat", "cox.zph": return surv(word == "estat" ? "Stata" : "R", "phtest")
        case "survdiff": return surv("R", "logrank")
        case "survfit", "stci": return surv(word == "stci" ? "Stata" : "R", "km")
        case "ggsurvplot", "ggforest": return surv("R's survminer", "plot")
        case "stdescribe", "summary", "summarize", "codebook": return surv(word == "summary" ? "R" : "Stata", "describe")
        case "tabulate", "table": return surv(word == "table" ? "R" : "Stata", "tab")
        case "fisher.test": return surv("R", "fisher")
        case "chisq.test": return surv("R", "chisq")
        case "wilcox.test", "ranksum": return surv(word == "ranksum" ? "Stata" : "R", "wilcoxon")
        case "kruskal.test", "kwallis": return surv(word == "kwallis" ? "Stata" : "R", "kruskal")
        case "subset", "keep", "filter": return surv(word == "keep" ? "Stata" : "R", "where")
        case "gen", "generate", "mutate": return surv(word == "mutate" ? "R" : "Stata", "let")
        case "use", "read.csv", "import": return surv(word == "read.csv" ? "R" : "Stata", "load")
        case "rmst2": return surv("R", "rmst")
        default: return nil
        }
    }

    /// The error for a foreign command word at `range`.
    public static func diagnostic(for word: String, next: String?, at range: SourceRange) -> Diagnostic? {
        if quitWords.contains(word.lowercased()) {
            return Diagnostic("'\(word)' leaves the interactive prompt; a script, a notebook or -c simply ends after its last command", at: range,
                              hint: "at the prompt, type quit or press Ctrl-D")
        }
        guard let answer = answer(for: word, next: next) else { return nil }
        let subject = word.lowercased() == "sts" ? [word, next].compactMap { $0 }.joined(separator: " ") : word
        let what = answer.command.map { "surv's command for this is '\($0)'" } ?? "surv has no command for this yet"
        return Diagnostic("'\(subject)' is \(answer.origin)'s command; \(what)", at: range, hint: answer.hint)
    }
}
