#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import XCTest

/// What the `surv` binary prints for the session below. Everything the tests
/// expect from the evaluator lives here, so swapping the evaluator only means
/// editing this enum.
private enum Expected {
    static let prompt = "surv> "
    /// Evidence that a command was evaluated. With no dataset loaded every command these tests type is
    /// refused, and the error quotes the command on a line of its own, indented by two spaces.
    static func evaluated(_ command: String) -> String { "\n  \(command)" }
    /// A command prefix that the completer completes uniquely, and its completion.
    static let commandPrefix = "logr"
    static let completedCommand = "logrank"
    /// A prefix with several completions, all of which are listed on Tab.
    static let ambiguousPrefix = "lo"
    static let ambiguousCompletions = ["load", "logrank"]
    /// A command that computes for a while (loading a large file, which polls for Ctrl-C),
    /// and what it prints when Ctrl-C stops it.
    static let slowFile = "big.csv"
    static let slowCommand = "load \"big.csv\""
    static let interruptedReport = "interrupted by Ctrl-C"
    /// A command whose string argument is completed as a file path.
    static let fileCommandOpening = "load \""
}

/// Drives the real `surv` binary in a pseudo-terminal through tmux: keys go in
/// with send-keys, the screen comes back with capture-pane.
final class PTYSessionTests: XCTestCase {
    private var scratch: URL!
    private var historyPath: String { scratch.appendingPathComponent("history").path }
    private var tmux: Tmux!
    private var survPath = ""
    /// `env` with the variables every session gets.
    private var environment: [String] = []

    override func setUpWithError() throws {
        guard let tmuxPath = Tmux.executable() else { throw XCTSkip("tmux is not installed") }
        guard let surv = Self.survExecutable() else { throw MissingSurvBinary() }
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("surv-pty-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        survPath = surv.path
        environment = [
            "/usr/bin/env",
            "HOME=\(scratch.path)",  // no ~/.editrc from the machine running the tests
            "SURV_HISTORY=\(historyPath)",
            "LANG=C.UTF-8",
        ]
        tmux = try Tmux(executable: tmuxPath, scratch: scratch, command: environment + [surv.path])
    }

    override func tearDownWithError() throws {
        tmux?.killServer()
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    // MARK: - Scenarios

    func testEditedLineIsTheOneEvaluated() throws {
        try tmux.startSession()
        try waitForPrompt()
        try tmux.send(literal: "rank age")
        try tmux.waitForScreen { $0.contains(Expected.prompt + "rank age") }
        try tmux.send(keys: "C-a")              // to the start of the line
        try tmux.send(literal: "log")
        try tmux.send(keys: "C-e")              // to the end
        try tmux.send(literal: " sex")
        try tmux.send(keys: "Left", "Left", "Left", "Left") // back before " sex"
        try tmux.send(literal: " + ph")
        try tmux.waitForScreen { $0.contains(Expected.prompt + "logrank age + ph sex") }
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("logrank age + ph sex")) }
    }

    /// With standard error closed (`surv 2>&-`), descriptor 2 is free: the journal must not take it, or every
    /// error message would be written into the journal between its JSON lines.
    func testErrorsWithStandardErrorClosedStayOutOfTheJournal() throws {
        let journals = scratch.appendingPathComponent("journals")
        try tmux.startSession(environment + ["SURV_JOURNAL_DIR=\(journals.path)", "/bin/sh", "-c", "exec \"$0\" 2>&-", survPath])
        try tmux.waitForScreen { $0.contains("surv>") }
        try tmux.send(literal: "kmx")
        try tmux.send(keys: "Enter")
        try tmux.send(literal: "load aml")
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains("loaded aml") }
        let files = try FileManager.default.contentsOfDirectory(at: journals, includingPropertiesForKeys: nil)
        XCTAssertEqual(files.count, 1)
        let journal = try String(contentsOf: try XCTUnwrap(files.first), encoding: .utf8)
        XCTAssertTrue(journal.contains("kmx"), journal)
        for line in journal.split(separator: "\n") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), "not a journal record: \(line)")
        }
    }

    func testHistoryIsRecalledAfterRestart() throws {
        // A shell around surv reports its exit status on the screen: tmux's
        // own #{pane_dead_status} is sometimes never filled in, the server
        // leaving the exited process unreaped.
        try tmux.startSession(environment + ["/bin/sh", "-c", "\"$0\"; echo \"exit status: $?\"", survPath])
        try waitForPrompt()
        try tmux.send(literal: "km time status")
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("km time status")) }
        try waitForPrompt()
        try tmux.send(keys: "C-d")
        try tmux.waitForScreen { $0.contains("exit status:") }
        XCTAssertTrue(try tmux.screen().contains("exit status: 0"), "Ctrl-D ends surv normally")
        XCTAssertEqual(try String(contentsOfFile: historyPath, encoding: .utf8), "km time status\n")

        tmux.killServer()
        try tmux.startSession()
        try waitForPrompt()
        XCTAssertFalse(try tmux.screen().contains("km time status"), "a fresh screen")
        try tmux.send(keys: "Up")
        try tmux.waitForScreen { $0.contains(Expected.prompt + "km time status") }
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("km time status")) }
    }

    func testTabCompletesACommandName() throws {
        try tmux.startSession()
        try waitForPrompt()
        try tmux.send(literal: Expected.ambiguousPrefix)
        try tmux.waitForScreen { $0.contains(Expected.prompt + Expected.ambiguousPrefix) }
        try tmux.send(keys: "Tab")
        try tmux.waitForScreen { screen in
            screen.split(separator: "\n").contains { line in
                Expected.ambiguousCompletions.allSatisfy { line.contains($0) } && !line.contains(Expected.prompt)
            }
        }
        try tmux.send(keys: "C-u")              // clear the line
        try tmux.send(literal: "\(Expected.commandPrefix)")
        try tmux.send(keys: "Tab")
        // capture-pane trims trailing blanks, so the appended space only shows
        // once the next word is typed.
        try tmux.waitForScreen { $0.contains(Expected.prompt + Expected.completedCommand) }
        try tmux.send(literal: "sex")
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated(Expected.completedCommand + " sex")) }
    }

    func testTabCompletesAFilePathInsideAString() throws {
        // surv runs in the scratch directory (see Tmux.startSession).
        let data = scratch.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["lung.csv", "lymph.tsv"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: data.appendingPathComponent(name).path, contents: Data()))
        }
        try tmux.startSession()
        try waitForPrompt()
        try tmux.send(literal: Expected.fileCommandOpening + "da")
        try tmux.send(keys: "Tab")
        try tmux.waitForScreen { $0.contains(Expected.prompt + Expected.fileCommandOpening + "data/") }
        try tmux.send(literal: "lu")
        try tmux.send(keys: "Tab")
        try tmux.waitForScreen { $0.contains(Expected.prompt + Expected.fileCommandOpening + "data/lung.csv\"") }
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated(Expected.fileCommandOpening + "data/lung.csv\"")) }
    }

    func testCtrlCDiscardsTheLineAndKeepsRunning() throws {
        try tmux.startSession()
        try waitForPrompt()
        try tmux.send(literal: "cox not wanted")
        // Wait until the text is on screen: the terminal flushes unread input
        // on Ctrl-C, so sending both at once would test nothing.
        try tmux.waitForScreen { $0.contains(Expected.prompt + "cox not wanted") }
        try tmux.send(keys: "Left", "Left")    // mid-line: the whole line must still go
        // Ctrl-C makes the terminal flush unread input; if that cut an arrow
        // key's escape sequence in half, libedit would take the ^C as the rest
        // of the sequence. Send it only once the cursor has moved.
        let endColumn = (Expected.prompt + "cox not wanted").count
        try tmux.waitForCursor(column: endColumn - 2)
        try tmux.send(keys: "C-c")
        try tmux.waitForScreen { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let interrupted = lines.firstIndex(where: { $0.hasSuffix("cox not wanted^C") }) else { return false }
            return lines.dropFirst(interrupted + 1).first.map { $0 == Self.trimmedPrompt } ?? false
        }
        try tmux.send(literal: "km time")
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("km time")) }
        XCTAssertFalse(try tmux.screen().contains(Expected.evaluated("cox not wanted")))
        XCTAssertFalse(try tmux.isDead())
        XCTAssertEqual(try String(contentsOfFile: historyPath, encoding: .utf8), "km time\n",
                       "a discarded line is not history")
    }

    func testCtrlCStopsALongComputation() throws {
        // About 3 million rows: seconds to read in a debug build, so Ctrl-C arrives while it runs.
        var chunk = "time,status,age,group\n"
        for i in 0..<1000 { chunk += "\(i).5,\(i % 2),\(i % 80),\(["a", "b", "c"][i % 3])\n" }
        let rows = Data(chunk.dropFirst(22).utf8)
        var file = Data(chunk.prefix(22).utf8)
        for _ in 0..<3000 { file.append(rows) }
        try file.write(to: scratch.appendingPathComponent(Expected.slowFile))

        try tmux.startSession()
        try waitForPrompt()
        try tmux.send(literal: Expected.slowCommand)
        try tmux.waitForScreen { $0.contains(Expected.prompt + Expected.slowCommand) }
        try tmux.send(keys: "Enter")
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertFalse(try tmux.screen().contains("loaded big.csv"), "the load must still be running when Ctrl-C is pressed")
        let pressed = Date()
        try tmux.send(keys: "C-c")
        try tmux.waitForScreen { $0.contains(Expected.interruptedReport) }
        XCTAssertLessThan(Date().timeIntervalSince(pressed), 2, "stopped by Ctrl-C, not by finishing")
        XCTAssertFalse(try tmux.screen().contains("loaded big.csv"))
        try waitForPrompt()
        try tmux.send(literal: "km time")
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("km time")) }
        XCTAssertFalse(try tmux.isDead())
    }

    func testCtrlZAtThePromptSuspendsAndResumesEditing() throws {
        let bash = "/bin/bash"
        guard FileManager.default.isExecutableFile(atPath: bash) else { throw XCTSkip("needs bash for job control") }
        try tmux.startSession(environment + ["PS1=$ ", bash, "--norc", "--noprofile", "-i"])
        try tmux.waitForScreen { $0.hasSuffix("$") }
        try tmux.send(literal: survPath)
        try tmux.send(keys: "Enter")
        try waitForPrompt()
        try tmux.send(literal: "km before")
        try tmux.waitForScreen { $0.contains(Expected.prompt + "km before") }
        try tmux.send(keys: "C-z")
        try tmux.waitForScreen { $0.contains("Stopped") && $0.hasSuffix("$") }
        try tmux.send(literal: "fg")
        try tmux.send(keys: "Enter")
        // Back in raw mode, the line is redrawn and keys reach the editor one
        // by one; in cooked mode " after" would sit in the terminal's line
        // buffer, echoed by the terminal, until Enter.
        try tmux.waitForScreen { $0.hasSuffix(Expected.prompt + "km before") }
        try tmux.send(literal: " after")
        try tmux.waitForScreen { $0.hasSuffix(Expected.prompt + "km before after") }
        try tmux.send(keys: "Enter")
        try tmux.waitForScreen { $0.contains(Expected.evaluated("km before after")) }
    }

    // MARK: - Helpers

    /// The test target depends on `surv`, so SwiftPM builds it beside the bundle;
    /// not finding it is a failure, not a reason to skip.
    private struct MissingSurvBinary: Error {}

    /// capture-pane drops trailing blanks, so an empty prompt line reads like this.
    private static var trimmedPrompt: String {
        String(Expected.prompt.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// Waits until an empty prompt is the last thing on screen. libedit puts
    /// the terminal in raw mode before it draws the prompt, so keys sent after
    /// this reach the editor one by one; keys sent earlier meet a terminal in
    /// cooked mode, which echoes them itself and gives Ctrl-D its end-of-file
    /// meaning at the terminal level.
    private func waitForPrompt() throws {
        try tmux.waitForScreen { $0.hasSuffix(Self.trimmedPrompt) }
    }

    /// The `surv` executable built next to this test bundle.
    static func survExecutable() -> URL? {
        let bundle = Bundle(for: PTYSessionTests.self).bundleURL
        let directories = [
            bundle.deletingLastPathComponent(),  // .build/debug/survPackageTests.xctest → .build/debug
            bundle,                              // Linux: the bundle URL is already the products directory
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
        ]
        for directory in directories {
            let candidate = directory.appendingPathComponent("surv")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
               !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }
}

/// A private tmux server (its own socket, so parallel test runs and the user's
/// own tmux never see each other) running one command in a fixed-size window.
private final class Tmux {
    private let executable: String
    private let socket = "surv-pty-\(getpid())-\(UUID().uuidString.prefix(8))"
    private let configuration: URL
    private let command: [String]
    private let session = "surv"
    private let workingDirectory: String
    /// The wait status of the last tmux command run (0: it exited with 0).
    private var lastExitStatus: Int32 = -1

    static func executable() -> String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(executable: String, scratch: URL, command: [String]) throws {
        self.executable = executable
        self.command = command
        configuration = scratch.appendingPathComponent("tmux.conf")
        // remain-on-exit keeps the pane after surv exits, so the test can read
        // its exit status instead of racing the server's shutdown.
        workingDirectory = scratch.path
        try "set -g remain-on-exit on\nset -g status off\n"
            .write(to: configuration, atomically: true, encoding: .utf8)
    }

    func startSession() throws {
        try startSession(command)
    }

    func startSession(_ command: [String]) throws {
        // On a loaded machine a new session can fail to appear (a server still
        // shutting down takes it with it): try again until tmux reports it.
        for _ in 0..<3 {
            // This call forks the tmux server, which keeps the standard output it
            // inherited: reading a pipe to its end here would wait for the server.
            try run(["-f", configuration.path, "new-session", "-d", "-s", session, "-c", workingDirectory, "-x", "80", "-y", "24", "--"] + command,
                    capturingOutput: false)
            if try sessionExists(within: 5) { return }
        }
    }

    /// Whether the session exists, asking until it does or `timeout` passes.
    private func sessionExists(within timeout: TimeInterval) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            try run(["has-session", "-t", session])
            if lastExitStatus == 0 { return true }
            usleep(25_000)
        } while Date() < deadline
        return false
    }

    func send(literal text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    func send(keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// Waits until the terminal cursor is in `column` (0-based).
    func waitForCursor(column: Int, timeout: TimeInterval = 5) throws {
        try poll(timeout: timeout, what: "the cursor to reach column \(column)") {
            Int(try self.run(["display-message", "-p", "-t", self.session, "#{cursor_x}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)) == column
        }
    }

    func isDead() throws -> Bool {
        try run(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `predicate` holds; fails with the last screen. The wait is long because a loaded
    /// machine can take seconds to start a debug build; a screen that is right ends it at once.
    func waitForScreen(timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
                       _ predicate: @escaping (String) -> Bool) throws {
        var last = ""
        try poll(timeout: timeout, what: "the screen", file: file, line: line, lastSeen: { last }) {
            last = try self.screen().trimmingCharacters(in: .newlines)
            return predicate(last)
        }
    }

    func killServer() {
        _ = try? run(["kill-server"])
        // kill-server returns before the server is gone; a session started
        // meanwhile could reach the dying server. Wait until nothing answers.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            _ = try? run(["has-session", "-t", session])
            if lastExitStatus != 0 { return }
            usleep(25_000)
        }
    }

    private func poll(timeout: TimeInterval, what: String, file: StaticString = #filePath, line: UInt = #line,
                      lastSeen: () -> String = { "" }, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(25_000)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(lastSeen())", file: file, line: line)
        throw TimedOut()
    }

    private struct TimedOut: Error {}

    /// Runs tmux and returns its standard output.
    ///
    /// Not Foundation's `Process`: on Linux it learns that a child ended from a
    /// pipe the child inherits, and the tmux server forked by `new-session`
    /// inherits that pipe too and keeps it open, so `waitUntilExit` would wait
    /// for the server. posix_spawn + waitpid has no such side channel.
    @discardableResult
    private func run(_ arguments: [String], capturingOutput: Bool = true) throws -> String {
        var pipeEnds: [Int32] = [-1, -1]
        if capturingOutput {
            guard pipe(&pipeEnds) == 0 else { throw SpawnFailed(arguments: arguments) }
            // Only the child's stdout may refer to the pipe, so that the server
            // a later command might fork never holds it.
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturingOutput {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        // The tmux server forked from this child must not inherit the test
        // process's blocked or ignored signals: a server that never sees
        // SIGCHLD leaves surv a zombie and never reports its exit status.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable, "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        if capturingOutput { close(pipeEnds[1]) }
        guard spawned == 0 else {
            if capturingOutput { close(pipeEnds[0]) }
            throw SpawnFailed(arguments: arguments)
        }
        var output: [UInt8] = []
        if capturingOutput {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
                if count > 0 {
                    output += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(pipeEnds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // The raw wait status: 0 only for a normal exit with status 0.
        lastExitStatus = status
        return String(decoding: output, as: UTF8.self)
    }

    private struct SpawnFailed: Error {
        var arguments: [String]
    }
}

/// `surv < script`: standard input is not a terminal, so no editor, no
/// prompts and no history, just one evaluation per line.
final class StandardInputTests: XCTestCase {
    func testLinesFromAPipeAreEvaluatedWithoutPrompts() throws {
        guard let surv = PTYSessionTests.survExecutable() else {
            return XCTFail("surv binary not found next to the test bundle")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("surv-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let history = scratch.appendingPathComponent("history").path

        let process = Process()
        process.executableURL = surv
        process.environment = ["SURV_HISTORY": history, "HOME": scratch.path, "LANG": "C.UTF-8"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("load aml\n\n  \nhelp km".utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 0)
        // Two commands, two outputs; the blank lines are skipped and nothing else is printed.
        XCTAssertTrue(printed.hasPrefix("loaded aml: 23 rows"), printed)
        XCTAssertTrue(printed.contains("\n\nkm [at T, T ... [wide]] | km quantile P, P ... | km table\n"), printed)
        XCTAssertFalse(printed.contains(Expected.prompt), "no prompt when standard input is not a terminal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: history), "a script is not history")
    }
}
