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
        Entry(name: "endpoint", usage: "endpoint TIME, EVENT | endpoint NAME = TIME, EVENT | endpoint START, STOP, EVENT | endpoint TIME, STATUS event CODE competing CODE, ... | endpoint NAME", summary: "Declare the survival outcome (event coded 1/0, true/false or yes/no), name it, or select a named one. With START, STOP, EVENT each row is a (start, stop] interval, as R's Surv(start, stop, event): delayed entry, recurrent events, split follow-up; km and cox work on it. With 'event CODE competing CODE' the status column codes the event and its competing causes (any other code is a censoring): cuminc and finegray analyse it, km gives the naive estimate.", example: "endpoint time, status"),
        Entry(name: "where", usage: "where EXPRESSION | where all", summary: "Keep the rows where the expression holds; a second 'where' narrows further; 'where all' clears the filter.", example: "where age >= 60 and ph.ecog in (0, 1)"),
        Entry(name: "let", usage: "let NAME = EXPRESSION", summary: "Add a derived column. Functions: log, exp, abs, sqrt, cut(x, b1, b2, ...), if(cond, a, b), is_missing(x).", example: "let age_group = cut(age, 40, 60)"),
        Entry(name: "stratify", usage: "stratify by COLUMN [, COLUMN] | stratify none", summary: "Split km, rmst, logrank and followup by the levels of one or more columns.", example: "stratify by sex"),
        Entry(name: "km", usage: "km [at T, T ... [wide]] | km quantile P, P ... | km table", summary: "Kaplan–Meier estimates per stratum: n, events, median with CI, survival at the given times ('wide': one row per stratum, one column per time); 'quantile' adds other survival-time quantiles with CI; 'km table' prints the full product-limit table.", example: "km at 12, 24"),
        Entry(name: "rmst", usage: "rmst at TAU", summary: "Restricted mean survival time up to TAU per stratum, with its CI; with two strata, their difference (second − first) with CI and p.", example: "rmst at 365"),
        Entry(name: "logrank", usage: "logrank | logrank trend | logrank rho R", summary: "Log-rank test across the strata; 'trend' tests a trend across ordered strata; 'rho 1' gives the Peto–Peto test (R's survdiff rho).", example: "stratify by ph.ecog; logrank rho 1"),
        Entry(name: "cox", usage: "cox TERM + TERM ...  (a*b = a + b + a:b; a:b; factor(x[, ref = LEVEL]); I(arithmetic); strata(COLUMN); cluster(COLUMN))", summary: "Cox proportional-hazards model, terms as in R's formulas. At the top level of a term '*' and ':' are interactions; arithmetic there goes inside I(), e.g. I(age * wt.loss), while log(a*b) is arithmetic inside a call. Text columns and factor(x) become indicators against their reference level (the first, or set ref); strata(COLUMN) stratifies; strata alone fit the null model; cluster(COLUMN) adds robust (sandwich) standard errors, rows sharing its value being one subject.", example: "cox age * sex + factor(ph.ecog, ref = 1)"),
        Entry(name: "plot", usage: "plot km [ci] [no risktable] [no censor] [percent] [cumhaz|cuminc] [xmax T] [by T] [xlab|ylab|title \"TEXT\"] [to \"FILE.svg\"] | plot zph | plot cox", summary: "Figures: 'plot km' draws the Kaplan–Meier curves of the strata with the number at risk under the x ticks and the log-rank p; 'plot zph' the scaled Schoenfeld residuals of the last Cox model with a smooth (the graphical PH check); 'plot cox' its hazard ratios as a forest plot. Options in any order; 'to' writes SVG instead.", example: "stratify by sex; plot km xmax 730 by 182.5"),
        Entry(name: "censor", usage: "censor at EXPRESSION | censor none", summary: "End follow-up, censored, at EXPRESSION where it comes before the endpoint's time (a transplant, a switch of treatment); every survival command uses it until 'censor none'.", example: "load myeloid; endpoint futime, death; censor at txtime; km at 365"),
        Entry(name: "split", usage: "split NAME at COLUMN", summary: "A 0/1 covariate NAME switching on at each row's COLUMN time (R's tmerge with tdc): the follow-up is split there into (tstart, tstop] intervals and the endpoint becomes Surv(tstart, tstop, tevent).", example: "load myeloid; endpoint futime, death; split tx at txtime; cox trt + tx"),
        Entry(name: "landmark", usage: "landmark at T | landmark none", summary: "Analyse from time T among the rows followed event-free beyond it (times count from T), so groups defined by T (a response, a transplant) are compared without immortal-time bias; until 'landmark none'.", example: "load myeloid; endpoint futime, death; let cr100 = if(is_missing(crtime), 0, crtime <= 100); landmark at 100; stratify by cr100; km at 365"),
        Entry(name: "cuminc", usage: "cuminc [at T, T ...]", summary: "Cumulative incidence of the event and of each competing cause per stratum (Aalen–Johansen, Aalen's variance, log(−log) interval: cmprsk's cuminc), and Gray's test of each cause across the strata.", example: "load mgus2; endpoint etime, event event 1 competing 2; stratify by sex; cuminc at 60, 120"),
        Entry(name: "finegray", usage: "finegray TERM + TERM ...", summary: "Fine–Gray regression of the event's subdistribution hazard with the competing causes (cmprsk's crr): sHR with robust standard errors; terms as in cox, without strata().", example: "load mgus2; endpoint etime, event event 1 competing 2; finegray age + sex"),
        Entry(name: "phtest", usage: "phtest", summary: "Proportional-hazards test (scaled Schoenfeld residuals) of the last Cox model.", example: "cox age + sex; phtest"),
        Entry(name: "followup", usage: "followup", summary: "Median follow-up by the reverse Kaplan–Meier method, per stratum.", example: "followup"),
        Entry(name: "expect", usage: "expect km at T [\"STRATUM\"] | km median [\"STRATUM\"] [lower|upper] | followup median | rmst at T | logrank p|chisq | logrank trend p | cox hr|p|coef TERM [lower|upper] | n | events | fisher p A by B | chisq p A by B  = VALUE [± TOL]", summary: "Check a published number: computes the quantity now and prints 'paper · here ✓'; outside the tolerance (by default half a unit of the value's last digit) the command fails, and so does the notebook's replay and surv run.", example: "stratify by sex; expect logrank p = 0.0013"),
        Entry(name: "describe", usage: "describe [COLUMN, ...]", summary: "Summaries of columns: n, missing, median, IQR and range for numbers; counts and percentages for text.", example: "describe age, sex"),
        Entry(name: "table1", usage: "table1 COLUMN, COLUMN ... [by GROUP] [overall]", summary: "The table a clinical paper opens with: numbers (10+ distinct values) as median (Q1–Q3) and range, categories as n (%), per group of GROUP ('overall' adds an All column), with a p-value per row: Wilcoxon or Kruskal–Wallis for numbers, chi-square (Fisher's exact when an expected count is below 5) for categories.", example: "table1 age, ph.ecog, wt.loss by sex overall"),
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
