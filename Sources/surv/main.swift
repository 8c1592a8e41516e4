import ArgumentParser
import Foundation

// Parsed by hand rather than with `main()` so that usage errors exit with 2, as documented.
do {
    var command = try SurvCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SurvCommand.exitCode(for: error)
    let message = SurvCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
