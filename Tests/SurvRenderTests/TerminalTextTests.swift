import XCTest
@testable import SurvRender
import SurvResults

final class TerminalTextTests: XCTestCase {
    func testPlainTextPassesUnchanged() {
        let text = "Kaplan–Meier: Surv(time, status)\n\tx=Maintained  0.614"
        XCTAssertEqual(TerminalText.escapingControls(text), text)
    }

    func testEscapeSequencesAreShownNotObeyed() {
        // OSC 52 (write the clipboard), conceal, carriage return, a C1 CSI and a right-to-left override.
        XCTAssertEqual(TerminalText.escapingControls("a\u{1b}]52;c;cHduZWQ=\u{07}b"), "a\\x1b]52;c;cHduZWQ=\\x07b")
        XCTAssertEqual(TerminalText.escapingControls("\u{1b}[8mhidden"), "\\x1b[8mhidden")
        XCTAssertEqual(TerminalText.escapingControls("ok\rno"), "ok\\x0dno")
        XCTAssertEqual(TerminalText.escapingControls("\u{9b}2J"), "\\x9b2J")
        XCTAssertEqual(TerminalText.escapingControls("\u{202e}txt"), "\\u{202e}txt")
        XCTAssertEqual(TerminalText.escapingControls("nul\u{0}"), "nul\\x00")
    }

    func testJSONStringsEscapeTheSameCharactersTheJSONWay() {
        let out = JSONValue.string("a\u{1b}[8m\u{9b}\u{202e}b").serialized()
        XCTAssertEqual(out, "\"a\\u001b[8m\\u009b\\u202eb\"")
        XCTAssertEqual(TerminalText.escapingControls(out), out, "nothing left for the terminal writer to escape")
    }

    /// A figure drawn in colour keeps its colour codes and nothing else: concealment, cursor moves and OSC
    /// sequences are escaped even there.
    func testOnlyColourCodesPassInColouredText() {
        let coloured = "\u{1B}[38;5;25mx=A\u{1B}[0m 11"
        XCTAssertEqual(TerminalText.escapingAllButColours(coloured), coloured)
        XCTAssertEqual(TerminalText.escapingAllButColours("\u{1B}[8mhidden"), "\\x1b[8mhidden")
        XCTAssertEqual(TerminalText.escapingAllButColours("\u{1B}]52;c;Zm9v\u{07}"), "\\x1b]52;c;Zm9v\\x07")
        XCTAssertEqual(TerminalText.escapingAllButColours("\u{1B}[38;5;1234m"), "\\x1b[38;5;1234m")
        XCTAssertEqual(TerminalText.escapingAllButColours("a\u{1B}"), "a\\x1b")
    }
}
