import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one run of another program cost, as the kernel counted it for that process alone.
struct ChildRun {
    var wallSeconds: Double
    /// User plus system time.
    var cpuSeconds: Double
    var peakResidentMegabytes: Double
    /// The exit status, or nil when a signal ended it.
    var exitStatus: Int32?
}

/// Runs a program to completion with its standard output in a file. Waiting with `wait4` gives the
/// child's own peak resident memory; `getrusage(RUSAGE_CHILDREN)` would give the largest of all
/// children so far, and Foundation's `Process` gives neither.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], standardOutput: String) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        var pid = pid_t()
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchFailure("waiting for \(executable): \(String(cString: strerror(errno)))") }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        // The <sys/wait.h> macros, which Swift does not import: low 7 bits the signal, next byte the code.
        let exited = status & 0x7F == 0
        return ChildRun(wallSeconds: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                        peakResidentMegabytes: Double(usage.ru_maxrss) / 1024,
                        exitStatus: exited ? (status >> 8) & 0xFF : nil)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
