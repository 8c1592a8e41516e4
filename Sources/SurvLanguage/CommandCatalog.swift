/// Every command of the language with its one-line usage and an example: the source of `help`,
/// tab completion and did-you-mean hints.
public enum CommandCatalog {
    public struct Entry: Sendable {
        public var name: String
        public var usage: String
        public var summary: String
        public var example: String
    }

    public static let entries: [Entry] = [
        Entry(name: "load", usage: "load DATASET | load \"file.csv\"", summary: "Load a bundled dataset, or a CSV/TSV file with a header row.", example: "load aml"),
        Entry(name: "about", usage: "about [DATASET]", summary: "What a bundled dataset is: its source, the endpoints it declares on load and, for graall, its data dictionary (a reconstruction from published summaries, not real patients). Without a name, the bundled dataset loaded.", example: "about graall"),
        Entry(name: "endpoint", usage: "endpoint TIME, EVENT | endpoint NAME = TIME, EVENT | endpoint NAME", summary: "Declare the survival outcome (event coded 1/0, true/false or yes/no), name it, or select a named one.", example: "endpoint time, status"),
        Entry(name: "where", usage: "where EXPRESSION | where all", summary: "Keep the rows where the expression holds; a second 'where' narrows further; 'where all' clears the filter.", example: "where age >= 60 and ph.ecog in (0, 1)"),
        Entry(name: "let", usage: "let NAME = EXPRESSION", summary: "Add a derived column. Functions: log, exp, abs, sqrt, cut(x, b1, b2, ...), if(cond, a, b), is_missing(x).", example: "let age_group = cut(age, 40, 60)"),
        Entry(name: "stratify", usage: "stratify by COLUMN [, COLUMN] | stratify none", summary: "Split km, rmst, logrank and followup by the levels of one or more columns.", example: "stratify by sex"),
        Entry(name: "km", usage: "km [at T, T ... [wide]] | km quantile P, P ... | km table", summary: "Kaplan–Meier estimates per stratum: n, events, median with CI, survival at the given times ('wide': one row per stratum, one column per time); 'quantile' adds other survival-time quantiles with CI; 'km table' prints the full product-limit table.", example: "km at 12, 24"),
        Entry(name: "rmst", usage: "rmst at TAU", summary: "Restricted mean survival time up to TAU per stratum, with its CI; with two strata, their difference (second − first) with CI and p.", example: "rmst at 365"),
        Entry(name: "logrank", usage: "logrank | logrank trend | logrank rho R", summary: "Log-rank test across the strata; 'trend' tests a trend across ordered strata; 'rho 1' gives the Peto–Peto test (R's survdiff rho).", example: "stratify by ph.ecog; logrank rho 1"),
        Entry(name: "cox", usage: "cox TERM + TERM ...  (a*b = a + b + a:b; a:b; factor(x[, ref = LEVEL]); I(arithmetic); strata(COLUMN))", summary: "Cox proportional-hazards model, terms as in R's formulas. At the top level of a term '*' and ':' are interactions; arithmetic there goes inside I(), e.g. I(age * wt.loss), while log(a*b) is arithmetic inside a call. Text columns and factor(x) become indicators against their reference level (the first, or set ref); strata(COLUMN) stratifies; strata alone fit the null model.", example: "cox age * sex + factor(ph.ecog, ref = 1)"),
        Entry(name: "plot", usage: "plot km [ci] [no risktable] [no censor] [percent] [cumhaz|cuminc] [xmax T] [by T] [xlab|ylab|title \"TEXT\"] [to \"FILE.svg\"] | plot zph | plot cox", summary: "Figures: 'plot km' draws the Kaplan–Meier curves of the strata with the number at risk under the x ticks and the log-rank p; 'plot zph' the scaled Schoenfeld residuals of the last Cox model with a smooth (the graphical PH check); 'plot cox' its hazard ratios as a forest plot. Options in any order; 'to' writes SVG instead.", example: "stratify by sex; plot km xmax 730 by 182.5"),
        Entry(name: "phtest", usage: "phtest", summary: "Proportional-hazards test (scaled Schoenfeld residuals) of the last Cox model.", example: "cox age + sex; phtest"),
        Entry(name: "followup", usage: "followup", summary: "Median follow-up by the reverse Kaplan–Meier method, per stratum.", example: "followup"),
        Entry(name: "describe", usage: "describe [COLUMN, ...]", summary: "Summaries of columns: n, missing, median, IQR and range for numbers; counts and percentages for text.", example: "describe age, sex"),
        Entry(name: "tab", usage: "tab A [by B]", summary: "Frequency table of one column, or a cross-table of two.", example: "tab sex by status"),
        Entry(name: "fisher", usage: "fisher A by B", summary: "Fisher's exact test of independence between two categorical columns.", example: "fisher sex by status"),
        Entry(name: "chisq", usage: "chisq A by B [nocorrect]", summary: "Pearson's chi-square test of the cross-table (R's chisq.test); a 2×2 table gets Yates' continuity correction unless 'nocorrect'.", example: "chisq sex by status"),
        Entry(name: "wilcoxon", usage: "wilcoxon X by GROUP", summary: "Wilcoxon rank-sum (Mann–Whitney) test of a numeric column between two groups (R's wilcox.test).", example: "wilcoxon age by sex"),
        Entry(name: "kruskal", usage: "kruskal X by GROUP", summary: "Kruskal–Wallis rank-sum test of a numeric column across groups (R's kruskal.test).", example: "kruskal age by ph.ecog"),
        Entry(name: "set", usage: "set ci log|log-log|plain | set ties efron|breslow | set level 0.95 | set digits N | set profile r|stata | set ref COLUMN VALUE|none | set plot width N|ascii|unicode", summary: "Change a convention; 'set ref ph.ecog 1' lists that level first in strata and tables and makes it the reference of Cox terms. 'profile r' = log CI + Efron ties + R's median rule (R survival); 'profile stata' = log-log CI + Breslow ties + Stata's median rule.", example: "set profile stata"),
        Entry(name: "show", usage: "show", summary: "The session's state: dataset, rows kept, endpoint, strata, settings.", example: "show"),
        Entry(name: "help", usage: "help [COMMAND]", summary: "List the commands, or explain one.", example: "help km"),
        Entry(name: "save", usage: "save \"file.surv.md\"", summary: "Save the session so far as a Markdown notebook.", example: "save \"analysis.surv.md\""),
        Entry(name: "title", usage: "title \"TEXT\"", summary: "Set the notebook's title.", example: "title \"AML maintenance\""),
        Entry(name: "open", usage: "open \"file.surv.md\"", summary: "Replay a notebook into this session (its prose and cells join the session), to continue where it ended.", example: "open \"analysis.surv.md\""),
        Entry(name: "recover", usage: "recover \"file.surv.md\"", summary: "Write the previous session that ended without saving to a new notebook, then open it here.", example: "recover \"recovered.surv.md\""),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name.lowercased() }
    }
}
