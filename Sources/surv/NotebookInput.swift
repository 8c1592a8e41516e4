import ArgumentParser
import Foundation
import SurvNotebook

/// Reading a notebook named on the command line: a problem with the file is printed with its line and
/// ends the command with status 1.
enum NotebookInput {
    static func read(_ url: URL, file: String) throws -> Notebook {
        let source: NotebookSource
        do throws(NotebookProblem) {
            source = try NotebookSource.read(url)
        } catch {
            printError(error.formatted(file: file))
            throw ExitCode(1)
        }
        let (notebook, problems) = NotebookParser.parse(source)
        guard problems.isEmpty else {
            for problem in problems { printError(problem.formatted(file: file)) }
            throw ExitCode(1)
        }
        return notebook
    }

    static func printError(_ text: String) {
        StandardStreams.err(text + "\n")
    }
}
