/// One fuzz input, called by libFuzzer's driver (see `FuzzMain`). Exported under libFuzzer's usual
/// name so the usual tooling recognises the binary.
///
/// The first byte chooses what is exercised (see `FuzzMode`), the rest is the payload. Every target
/// only calls public API and discards the result: a crash, a sanitizer report or a broken invariant
/// (checked with `precondition`) is the finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let mode = FuzzMode(selector: bytes[0])
    // A run pinned to one mode (SURV_FUZZ_MODE) rejects inputs meant for another, so they never
    // enter its corpus; a saved crash still reproduces without the variable.
    if let pinned = FuzzMode.pinned, pinned != mode { return -1 }
    let payload = UnsafeBufferPointer(rebasing: bytes[1...])
    switch mode {
    case .language: LanguageFrontEndTarget.run(payload)
    case .session: SessionTarget.run(payload)
    case .delimitedText: DelimitedTextTarget.run(payload)
    case .statFile: StatFileTarget.run(payload)
    }
    return 0
}
