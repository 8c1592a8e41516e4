import Foundation

/// Text from a Stata, SPSS or SAS file as surv keeps it. ReadStat hands over UTF-8 (converting from the
/// file's character set); what is not valid UTF-8 after that is refused, and control characters, which a
/// terminal would act on and which cannot be typed back, become spaces.
enum StatText {
    /// The text at `pointer`, at most `limit` bytes; nil when it is longer or is not UTF-8. At most
    /// `limit + 1` bytes are looked at, so a text ReadStat did not end with a NUL is read no further.
    static func decode(_ pointer: UnsafePointer<CChar>, limit: Int) -> String? {
        let length = strnlen(pointer, limit + 1)
        guard length <= limit else { return nil }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
        guard var text = String(validating: bytes, as: UTF8.self) else { return nil }
        if text.unicodeScalars.contains(where: isControl) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
        }
        return text
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A code as a level's text when it has no label: `3`, `2.5`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.15g", value)
    }
}
