#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The program's entry point. SwiftPM names an executable target's entry point itself, so libFuzzer's
/// own `main` cannot be used; in a fuzzing build (`make fuzz`: `-sanitize=fuzzer,address -DFUZZING`)
/// this entry point hands the command line to libFuzzer's driver, which calls `fuzzOneInput` per input.
/// An ordinary `swift build` has no libFuzzer runtime, so it links a stub that explains how to build.
@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(libFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        #else
        print("SurvFuzz is a libFuzzer target: build and run it with `make fuzz` (see docs/fuzzing.md).")
        #endif
    }
}

#if FUZZING
/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))` from the
/// libFuzzer runtime that `-sanitize=fuzzer` links. Declared here because the package has no C module
/// for it; every argument is a pointer, passed the same way by the Swift and C calling conventions.
@_silgen_name("LLVMFuzzerRunDriver")
func libFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
