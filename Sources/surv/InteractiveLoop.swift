import Foundation
import SurvSession

/// The interactive session: line editing at a terminal, plain line reading otherwise.
struct InteractiveLoop {
    var session: Session
    var json: Bool

    func run() throws {
        let printer = CommandPrinter(json: json)
        var number = 0
        while let line = Swift.readLine(strippingNewline: true) {
            number += 1
            for outcome in session.runAndRender(line: line, lineNumber: number) { printer.print(outcome) }
        }
    }
}
