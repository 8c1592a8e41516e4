import XCTest
import LineEditing
@testable import surv

/// Plays back a fixed sequence of inputs and records what the loop does with them.
private final class ScriptedReader: LineReader {
    var inputs: [LineEditorInput]
    var prompts: [String] = []
    var remembered: [String] = []
    /// Called when an input is handed out, e.g. to simulate a Ctrl-C meanwhile.
    var onRead: (Int) -> Void = { _ in }

    init(_ inputs: [LineEditorInput]) { self.inputs = inputs }

    func readLine(prompt: String) -> LineEditorInput {
        prompts.append(prompt)
        onRead(prompts.count)
        return inputs.isEmpty ? .endOfFile : inputs.removeFirst()
    }

    func remember(_ line: String) { remembered.append(line) }
}

final class REPLTests: XCTestCase {
    func testInteractiveLoopEvaluatesAndRemembersNonBlankLines() {
        let reader = ScriptedReader([.line("km time"), .interrupted, .line("   "), .line("cox age"), .endOfFile,
                                     .line("never read")])
        var evaluated: [String] = []
        REPL(reader: reader, prompt: "surv> ", isInteractive: true) { evaluated.append($0) }.run()
        XCTAssertEqual(evaluated, ["km time", "cox age"])
        XCTAssertEqual(reader.remembered, ["km time", "cox age"])
        XCTAssertEqual(reader.prompts, Array(repeating: "surv> ", count: 5))
    }

    func testCtrlCDuringEvaluationDoesNotEndAnInteractiveSession() {
        Interrupts.install()
        let reader = ScriptedReader([.line("slow"), .line("next")])
        var evaluated: [String] = []
        REPL(reader: reader, prompt: "> ", isInteractive: true) { line in
            evaluated.append(line)
            if line == "slow" { raise(SIGINT) }
        }.run()
        XCTAssertEqual(evaluated, ["slow", "next"])
        XCTAssertFalse(Interrupts.requested, "the loop clears the request once the command returned")
    }

    func testBatchInputHasNoPromptNoHistoryAndStopsOnCtrlC() {
        Interrupts.install()
        let reader = ScriptedReader([.line("first"), .line("second"), .line("third")])
        var evaluated: [String] = []
        REPL(reader: reader, prompt: "surv> ", isInteractive: false) { line in
            evaluated.append(line)
            if line == "second" { raise(SIGINT) }
        }.run()
        XCTAssertEqual(evaluated, ["first", "second"])
        XCTAssertEqual(reader.remembered, [])
        XCTAssertEqual(reader.prompts.first, "")

        // A Ctrl-C while the script's next line was being read stops it as well.
        let waiting = ScriptedReader([.line("a"), .line("b")])
        waiting.onRead = { count in if count == 2 { raise(SIGINT) } }
        var batch: [String] = []
        REPL(reader: waiting, prompt: "", isInteractive: false) { batch.append($0) }.run()
        XCTAssertEqual(batch, ["a"])
        Interrupts.clear()
    }

    func testQuitExitAndQLeaveTheLoopAsCtrlDDoes() {
        for word in ["quit", "exit", "q", "q()", "  Quit  "] {
            let reader = ScriptedReader([.line("km"), .line(word), .line("never run")])
            var evaluated: [String] = []
            REPL(reader: reader, prompt: "surv> ", isInteractive: true) { evaluated.append($0) }.run()
            XCTAssertEqual(evaluated, ["km"], word)
        }
        // Input piped to surv stops there too.
        let piped = ScriptedReader([.line("km"), .line("exit"), .line("never run")])
        var batch: [String] = []
        REPL(reader: piped, prompt: "", isInteractive: false) { batch.append($0) }.run()
        XCTAssertEqual(batch, ["km"])
    }
}
