import XCTest
@testable import LineEditing

final class CompletionRequestTests: XCTestCase {
    private func request(_ lineWithCursor: String) -> CompletionRequest {
        // "|" marks the cursor.
        let cursor = lineWithCursor.distance(
            from: lineWithCursor.startIndex, to: lineWithCursor.firstIndex(of: "|") ?? lineWithCursor.endIndex)
        return CompletionRequest.at(line: lineWithCursor.replacingOccurrences(of: "|", with: ""), cursor: cursor)
    }

    func testFirstWord() {
        XCTAssertEqual(request("lo|"), CompletionRequest(line: "lo", wordStart: 0, word: "lo"))
    }

    func testWordLaterInTheLine() {
        XCTAssertEqual(
            request("km time status by se|"),
            CompletionRequest(line: "km time status by se", wordStart: 18, word: "se"))
    }

    func testWordBeforeTheCursorInTheMiddleOfTheLine() {
        XCTAssertEqual(
            request("km ti| status"), CompletionRequest(line: "km ti status", wordStart: 3, word: "ti"))
    }

    func testEmptyWordAfterSpace() {
        XCTAssertEqual(request("km |"), CompletionRequest(line: "km ", wordStart: 3, word: ""))
    }

    func testOperatorsAndParenthesesBreakWords() {
        XCTAssertEqual(request("where (age>=6|").word, "6")
        XCTAssertEqual(request("where (ag|").word, "ag")
        XCTAssertEqual(request("let x=lo|").word, "lo")
        XCTAssertEqual(request("cox a+b,se|").word, "se")
    }

    func testPathIsOneWordOutsideQuotes() {
        XCTAssertEqual(request("load data/fi|"), CompletionRequest(line: "load data/fi", wordStart: 5, word: "data/fi"))
        XCTAssertEqual(request("load ~/d-1.x_y|").word, "~/d-1.x_y")
    }

    func testQuoteStartsAWordAndSpacesStayInsideIt() {
        XCTAssertEqual(
            request("load \"data/fi|"),
            CompletionRequest(line: "load \"data/fi", wordStart: 6, word: "data/fi", isInsideString: true))
        XCTAssertEqual(
            request("load \"my data/fi|"),
            CompletionRequest(line: "load \"my data/fi", wordStart: 6, word: "my data/fi", isInsideString: true))
        XCTAssertEqual(
            request("load \"|"), CompletionRequest(line: "load \"", wordStart: 6, word: "", isInsideString: true))
    }

    func testBackquotedNameIsOneWordWithItsBackquote() {
        XCTAssertEqual(request("tab `Group Na|"), CompletionRequest(line: "tab `Group Na", wordStart: 4, word: "`Group Na"))
        XCTAssertEqual(request("tab `a``b` by `x \"y|").word, "`x \"y", "a quote inside backquotes starts no string")
        XCTAssertEqual(request("tab `Group Name` by st|").word, "st", "a closed backquoted name is behind the word")
    }

    func testClosedStringIsNotInside() {
        let closed = request("load \"a.csv\" wh|")
        XCTAssertEqual(closed.word, "wh")
        XCTAssertFalse(closed.isInsideString)
    }

    func testEscapedQuoteDoesNotCloseTheString() {
        let escaped = request("load \"a\\\"b|")
        XCTAssertTrue(escaped.isInsideString)
        XCTAssertEqual(escaped.word, "a\\\"b")
    }

    func testOffsetsCountCharactersNotBytes() {
        XCTAssertEqual(request("km âge é|"), CompletionRequest(line: "km âge é", wordStart: 7, word: "é"))
    }
}

final class CompletionPlanTests: XCTestCase {
    private func plan(_ word: String, _ candidates: [String], inside: Bool = false, after: String = "")
        -> CompletionPlan
    {
        CompletionPlan.make(
            for: CompletionRequest(line: word, wordStart: 0, word: word, isInsideString: inside),
            candidates: candidates, textAfterCursor: after)
    }

    func testNoCandidateChangesNothing() {
        XCTAssertTrue(plan("zz", []).isEmpty)
    }

    func testSingleCommandIsCompletedWithASpace() {
        XCTAssertEqual(plan("logr", ["logrank"]), CompletionPlan(replacement: "logrank ", listing: []))
        XCTAssertEqual(plan("logr", ["logrank"], after: " sex"), CompletionPlan(replacement: "logrank", listing: []))
    }

    func testSingleFileInsideStringIsClosedWithAQuote() {
        XCTAssertEqual(plan("data/fi", ["data/file.csv"], inside: true).replacement, "data/file.csv\"")
        XCTAssertEqual(plan("data/fi", ["data/file.csv"], inside: true, after: "\"").replacement, "data/file.csv")
    }

    func testDirectoryStaysOpen() {
        XCTAssertEqual(plan("da", ["data/"], inside: true).replacement, "data/")
        XCTAssertEqual(plan("da", ["data/"]).replacement, "data/")
    }

    func testSeveralCandidatesExtendToCommonPrefix() {
        XCTAssertEqual(plan("s", ["set", "show", "save", "stratify"]).replacement, nil)
        XCTAssertEqual(plan("s", ["set", "show", "save", "stratify"]).listing, ["set", "show", "save", "stratify"])
        XCTAssertEqual(plan("f", ["followup", "fisher", "followup"]).listing, ["followup", "fisher"])
        XCTAssertEqual(plan("fo", ["follow", "followup"]), CompletionPlan(replacement: "follow", listing: []))
    }

    func testDuplicateCandidatesCountOnce() {
        XCTAssertEqual(plan("k", ["km", "km"]).replacement, "km ")
    }

    func testCaseCorrectingPrefixReplacesTheWord() {
        XCTAssertEqual(plan("LO", ["load", "logrank"]).replacement, "lo")
    }
}

final class CompletionListingTests: XCTestCase {
    func testColumnsFilledTopToBottom() {
        let text = CompletionListing.format(["set", "show", "save", "stratify", "km"], width: 30)
        // cell width 10 ("stratify" + 2), 3 columns, 2 rows
        XCTAssertEqual(text, "set       save      km\nshow      stratify\n")
    }

    func testNarrowTerminalGivesOneColumn() {
        XCTAssertEqual(CompletionListing.format(["load", "logrank"], width: 5), "load\nlogrank\n")
    }

    func testNothingToList() {
        XCTAssertEqual(CompletionListing.format([], width: 80), "")
    }
}
