import Foundation
import SurvSession

/// Times every kind of command through the whole pipeline (parse, check, compute, render) on a bundled
/// cohort, as a person at the prompt would run them. Each timing is the median of repeated runs.
enum CommandBench {
    static let setup = ["load lung", "endpoint time, status", "stratify by sex"]
    static let commands = [
        "km at 180, 365", "km table", "logrank", "logrank trend", "cox age + sex + ph.ecog", "phtest", "followup",
        "describe", "tab sex by ph.ecog", "fisher sex by dead", "where age > 50", "let age10 = age / 10", "show",
    ]

    static func run(repetitions: Int = 25) -> [(name: String, seconds: Double)] {
        commands.map { command in
            var samples: [Double] = []
            for _ in 0..<repetitions {
                let session = Session()
                for line in setup + ["cox age + sex"] { _ = session.runAndRender(line: line) }
                let start = DispatchTime.now().uptimeNanoseconds
                let outcomes = session.runAndRender(line: command)
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                if outcomes.contains(where: \.failed) { return ("\(command) (FAILED)", .nan) }
            }
            samples.sort()
            return ("command on lung (228 rows): \(command)", samples[samples.count / 2])
        }
    }
}

/// Time from starting the `surv` executable to its first output, through a pipe (median of runs).
enum StartupBench {
    static func run(repetitions: Int = 15) -> [(name: String, seconds: Double)] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("surv")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return [("startup: build the surv product in the same configuration first", .nan)]
        }
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["-c", "show"]
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            do { try process.run() } catch { return [("startup: \(error)", .nan)] }
            process.waitUntilExit()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return [("startup to first output: surv -c show", samples[samples.count / 2])]
    }
}
