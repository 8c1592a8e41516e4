import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The built `surv` executable, which sits next to the test bundle.
func survExecutable() throws -> URL {
    var folder = Bundle.main.bundleURL
    for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" { folder = bundle.bundleURL }
    let candidates = [folder.deletingLastPathComponent().appendingPathComponent("surv"), folder.appendingPathComponent("surv")]
    guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw XCTSkip("the surv executable was not found next to the tests (build it first)")
    }
    return url
}

/// The environment for a child surv: its own journal and history, nothing from the user's home.
func survEnvironment(folder: URL) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = folder.path
    environment["SURV_JOURNAL_DIR"] = folder.appendingPathComponent("journals").path
    environment["SURV_HISTORY"] = ""
    environment["TERM"] = "xterm"
    return environment
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs surv to completion with the given arguments and standard input.
func runSurv(_ arguments: [String], in folder: URL, input: String = "") throws -> RunResult {
    let process = Process()
    process.executableURL = try survExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = survEnvironment(folder: folder)
    let stdin = Pipe(), stdout = Pipe()
    // Standard error goes to a file, so neither stream can fill up and block the child while the other is read.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("surv-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let stderr = try FileHandle(forWritingTo: errorFile)
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    try stderr.close()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorData = try Data(contentsOf: errorFile)
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                     stderr: String(decoding: errorData, as: UTF8.self))
}

/// surv running under a pseudo-terminal, as a person at a terminal uses it: line editing on, prompts shown.
final class TerminalSession {
    let process = Process()
    private let master: Int32
    private(set) var screen = ""

    init(in folder: URL) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw XCTSkip("no pseudo-terminal available") }
        self.master = master
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = try survExecutable()
        process.currentDirectoryURL = folder
        process.environment = survEnvironment(folder: folder)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        try terminal.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Reads what surv prints until `text` appears after `from` (an offset into the screen), or the time runs out.
    @discardableResult
    func wait(for text: String, after from: String.Index? = nil, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let searched = from.map { screen[$0...] } ?? screen[...]
            if searched.contains(text) { return screen }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 100) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                screen += String(decoding: buffer[0..<count], as: UTF8.self)
            }
        }
        throw NSError(domain: "TerminalSession", code: 1, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for \(text.debugDescription); screen so far:\n\(screen)"])
    }

    /// Types a line and waits for the next prompt.
    func type(_ line: String) throws {
        let mark = screen.endIndex
        try send(line + "\r")
        try wait(for: "surv> ", after: mark)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(master, bytes, bytes.count) == bytes.count else { throw NSError(domain: "TerminalSession", code: 2) }
    }

    /// Ends the session with Ctrl-D and waits for surv to exit.
    /// A Ctrl-D that reaches the terminal while it is still in cooked mode (surv has printed the prompt
    /// but libedit has not yet switched to raw mode) can be lost in the switch, as it can for a person
    /// typing ahead; like that person, the harness presses it again (after Ctrl-U, which clears whatever
    /// the lost key may have left on the line) until surv has gone.
    func finish(timeout: TimeInterval = 20) throws -> Int32 {
        try send("\u{04}")
        let deadline = Date().addingTimeInterval(timeout)
        var nextPress = Date().addingTimeInterval(1)
        while process.isRunning, Date() < deadline {
            _ = try? wait(for: "\u{0}never", timeout: 0.1)
            if process.isRunning, Date() > nextPress {
                try? send("\u{15}\u{04}")
                nextPress = Date().addingTimeInterval(1)
            }
        }
        if process.isRunning {
            process.terminate()
            throw NSError(domain: "TerminalSession", code: 3,
                          userInfo: [NSLocalizedDescriptionKey: "surv did not exit after Ctrl-D; screen:\n\(screen)"])
        }
        return process.terminationStatus
    }
}
