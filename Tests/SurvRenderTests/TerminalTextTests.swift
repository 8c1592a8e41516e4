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
}
