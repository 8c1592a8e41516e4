import XCTest
@testable import SurvLanguage

/// Backquoted column names, commands from R and Stata, and hints that point the right way.
final class NamesAndWordsTests: XCTestCase {
    let context = CheckContext(columns: [("Group Name", .text), ("HR (95%)", .number), ("time", .number), ("status", .number),
                                         ("a`b", .text), ("and", .number)],
                               datasetLoaded: true, hasCurrentEndpoint: true)

    func commands(_ line: String) throws -> [Command] { try Parser.parseLine(line).map(\.command) }

    func diagnostic(_ line: String, _ context: CheckContext? = nil) -> Diagnostic? {
        do {
            for parsed in try Parser.parseLine(line) { _ = try Checker(context: context ?? self.context).check(parsed.command) }
            return nil
        } catch { return error }
    }

    // MARK: backquoted names

    func testBackquotedNameIsAnIdentifierWithItsText() throws {
        let tokens = try Lexer.tokenize("tab `Group Name` by `a``b`")
        XCTAssertEqual(tokens[1].identifier, "Group Name")
        XCTAssertEqual(tokens[1].text, "`Group Name`")
        XCTAssertEqual(tokens[1].range, SourceRange(start: 4, end: 16))
        XCTAssertEqual(tokens[3].identifier, "a`b", "a doubled backquote is one backquote of the name")
        XCTAssertTrue(tokens[3].isBackquoted)
    }

    func testBackquotedNamesWorkWhereverAColumnDoes() {
        for line in ["tab `Group Name` by status", "where `HR (95%)` > 1 and `Group Name` == \"A\"", "let `new col` = `HR (95%)` * 2",
                     "stratify by `Group Name`, `a``b`", "fisher `Group Name` by `a``b`", "chisq `a``b` by status",
                     "describe `Group Name`, `HR (95%)`", "endpoint `time`, `status`", "endpoint os = time, `status`",
                     "cox `HR (95%)` + `Group Name`", "cox log(`HR (95%)`) + strata(`Group Name`)", "set ref `Group Name` \"B\"",
                     "wilcoxon `HR (95%)` by `Group Name`", "where `and` == 1"] {
            XCTAssertNil(diagnostic(line), line)
        }
    }

    func testBackquotedWordIsNeverAKeyword() throws {
        XCTAssertEqual(try commands("stratify by `by`"), [.stratify([Name("by", SourceRange(start: 12, end: 16))])])
        XCTAssertEqual(try commands("where `all`"), [.filter(.name("all", SourceRange(start: 6, end: 11)))])
        XCTAssertEqual(diagnostic("where `log`(time) > 1")?.range, SourceRange(start: 11, end: 12), "a backquoted name is not a function")
    }

    func testBackquotedCoxTermIsLabelledByTheColumnName() throws {
        guard case .cox(let terms)? = try commands("cox `HR (95%)`").first else { return XCTFail() }
        XCTAssertEqual(terms.first?.variables.first?.text, "HR (95%)")
    }

    func testUnterminatedAndEmptyBackquotes() {
        let open = diagnostic("tab `Group Name")
        XCTAssertEqual(open?.message, "unterminated name in backquotes")
        XCTAssertEqual(open?.range, SourceRange(start: 4, end: 5))
        XCTAssertNotNil(open?.hint)
        XCTAssertEqual(diagnostic("tab ``")?.message, "empty name between backquotes")
        XCTAssertEqual(diagnostic("`km`")?.range, SourceRange(start: 0, end: 4), "a backquoted word is not a command")
    }

    func testDidYouMeanOffersTheBackquotedForm() {
        XCTAssertEqual(diagnostic("tab `Group Nme`")?.hint, "did you mean '`Group Name`'?")
        XCTAssertEqual(diagnostic("tab Group")?.hint, "did you mean '`Group Name`'?", "the first word of a header")
        XCTAssertEqual(diagnostic("tab HR")?.hint, "did you mean '`HR (95%)`'?")
        XCTAssertEqual(diagnostic("tab zzzzzzzz")?.hint, "columns: `Group Name`, `HR (95%)`, time, status, `a``b`, `and`")
    }

    func testWrittenFormRoundTripsThroughTheLexer() throws {
        for name in ["Group Name", "HR (95%)", "a`b", "``", "ph.ecog", "_x", "2nd", "é", "and", "x y`"] {
            let written = NameSyntax.written(name)
            let tokens = try Lexer.tokenize(written)
            XCTAssertEqual(tokens.first?.identifier, name, written)
        }
        XCTAssertEqual(NameSyntax.written("ph.ecog"), "ph.ecog")
        XCTAssertEqual(NameSyntax.written("a`b"), "`a``b`")
    }

    func testNoHintEndsInAnEmptyList() {
        let empty = CheckContext(columns: [], datasetLoaded: true)
        let d = diagnostic("tab x", empty)
        XCTAssertEqual(d?.message, "unknown column 'x'")
        XCTAssertNil(d?.hint)
        XCTAssertNil(Suggestions.listing("columns", []))
        XCTAssertEqual(diagnostic("load zzzz", CheckContext(columns: []))?.hint, "a file path goes in double quotes")
    }

    // MARK: curly quotes

    func testCurlyDoubleQuotesReadAsStraightOnes() throws {
        XCTAssertEqual(try commands("where `Group Name` == “A”"), try commands("where `Group Name` == \"A\"").map { _ in
            .filter(.binary(.equal, .name("Group Name", SourceRange(start: 6, end: 18)), .string("A", SourceRange(start: 22, end: 25)),
                            SourceRange(start: 6, end: 25)))
        })
        XCTAssertEqual(try Lexer.tokenize("title \"a ” b\"")[1].kind, .string("a ” b"), "a straight string keeps a curly quote")
    }

    func testCurlySingleQuoteHintsAtDoubleQuotes() {
        let d = diagnostic("where `Group Name` == ‘A’")
        XCTAssertEqual(d?.message, "unexpected '‘'")
        XCTAssertEqual(d?.range, SourceRange(start: 22, end: 23))
        XCTAssertTrue(d?.hint?.contains("double quotes") ?? false)
    }

    func testROperatorsPointAtTheirWords() {
        XCTAssertEqual(diagnostic("where time %in% (1, 2)")?.hint, "R's %in% is written 'in', with a list in parentheses: where x in (1, 2)")
        XCTAssertEqual(diagnostic("where time > 1 & time < 5")?.hint, "write 'and'")
        XCTAssertEqual(diagnostic("where time > 1 | time < 5")?.hint, "write 'or'")
    }

    // MARK: words from R and Stata

    func testForeignCommandsNameTheSurvCommand() {
        let cases: [(String, String, String)] = [
            ("stset time, status", "'stset' is Stata's command; surv's command for this is 'endpoint'", "endpoint TIME, EVENT (type 'help endpoint' for more)"),
            ("sts list", "'sts list' is Stata's command; surv's command for this is 'km'", "km [at T, T ... [wide]] (type 'help km' for more)"),
            ("stcox age", "'stcox' is Stata's command; surv's command for this is 'cox'", "cox TERM + TERM ... (type 'help cox' for more)"),
            ("coxph(Surv(time, status) ~ age)", "'coxph' is R's command; surv's command for this is 'cox'", "cox TERM + TERM ... (type 'help cox' for more)"),
            ("survdiff", "'survdiff' is R's command; surv's command for this is 'logrank'", "logrank (type 'help logrank' for more)"),
            ("survfit", "'survfit' is R's command; surv's command for this is 'km'", "km [at T, T ... [wide]] (type 'help km' for more)"),
        ]
        for (line, message, hint) in cases {
            let d = diagnostic(line)
            XCTAssertEqual(d?.message, message, line)
            XCTAssertEqual(d?.hint, hint, line)
            XCTAssertEqual(d?.range?.start, 0, line)
        }
        XCTAssertFalse(diagnostic("stset")?.hint?.contains("'set'") ?? true, "never did-you-mean 'set'")
    }

    func testStsGraphAndGgsurvplotPointAtPlot() {
        let d = diagnostic("sts graph, by(sex)")
        XCTAssertEqual(d?.message, "'sts graph' is Stata's command; surv's command for this is 'plot'")
        XCTAssertEqual(d?.range, SourceRange(start: 0, end: 9))
        XCTAssertTrue(d?.hint?.hasPrefix("plot km") ?? false, d?.hint ?? "")
        XCTAssertEqual(diagnostic("ggsurvplot(fit)")?.message, "'ggsurvplot' is R's survminer's command; surv's command for this is 'plot'")
    }

    func testQuitIsRecognisedAndRefusedOutsideThePrompt() {
        for line in ["quit", "exit", "q", "q()", " Quit ", "quit()"] { XCTAssertTrue(ForeignCommands.isQuit(line), line) }
        for line in ["quit now", "qq", "km"] { XCTAssertFalse(ForeignCommands.isQuit(line), line) }
        XCTAssertEqual(diagnostic("quit")?.message, "'quit' leaves the interactive prompt; a script, a notebook or -c simply ends after its last command")
    }

    func testHelpForAForeignWordPointsAtSurvsCommand() {
        XCTAssertEqual(diagnostic("help stcox")?.message, "no help for 'stcox': 'stcox' is Stata's command; surv's command for this is 'cox'")
    }

    /// A word left after a complete command is most often an R or Stata habit: the hint says what surv
    /// writes instead, not "use ';'".
    func testLeftoverWordsGetTheHintTheirCommandNeeds() {
        let cases: [(String, String)] = [
            ("cox age sex", "join terms with '+': cox age + sex"),
            ("stratify by sex ph.ecog", "separate columns with commas: stratify by sex, ph.ecog"),
            ("describe age sex", "separate columns with commas: describe age, sex"),
            ("tab sex status", "cross two columns with 'by': tab sex by status"),
            ("endpoint time status", "endpoint TIME, EVENT: the two columns separated by a comma (no Surv())"),
            ("endpoint time, status == 2", "derive the event first, then use it: let dead = status == 2; endpoint time, dead"),
            ("show now", "use ';' to separate commands"),
        ]
        for (line, hint) in cases {
            XCTAssertEqual(diagnostic(line)?.hint, hint, line)
        }
    }
}
