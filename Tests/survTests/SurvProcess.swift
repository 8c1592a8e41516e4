import Foundation
import XCTest

/// Runs the built `surv` executable, as a user would, and captures what it prints.
enum SurvProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `surv` binary in the build products folder, next to the test bundle.
    static var binary: URL {
        var folder = Bundle(for: Marker.self).bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("surv")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "surv")
    }

    private final class Marker {}

    /// HOME in one temporary folder for the whole test run, no journal, no history.
    static let isolatedEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("surv-tests-home-\(getpid())")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment["HOME"] = home.path
        environment["SURV_JOURNAL"] = ""
        environment["SURV_HISTORY"] = ""
        return environment
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
                    directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // A child never touches the user's own history or journal unless a test asks for it.
        process.environment = environment ?? isolatedEnvironment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
