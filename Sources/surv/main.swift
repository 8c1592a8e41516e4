import ArgumentParser
import Foundation

// Parsed by hand rather than with `main()` so that usage errors exit with 2, as documented.
StandardStreams.setUp()
do {
    var command = try SurvCommand.parseAsRoot()
    try command.run()
    exit(StandardStreams.finalStatus)
} catch {
    let code = SurvCommand.exitCode(for: error)
    let message = SurvCommand.fullMessage(for: error)
    if code == .success {
        StandardStreams.out(message + "\n")
        exit(StandardStreams.finalStatus)
    }
    if !message.isEmpty { StandardStreams.err(message + "\n") }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
