/// The outcome of reading one cell as a number.
enum DecimalParseResult: Equatable {
    case value(Double)
    /// Not of the form `[+-]digits[.digits][(e|E)[+-]digits]`: the column is text.
    case notANumber
    /// Well formed but beyond the range of `Double` (e.g. `1e400`).
    case outOfRange
}

/// Reads decimal numbers straight from bytes, with the same result as `Double(String)`.
///
/// The grammar is deliberately narrower than `Double(String)`: no `inf`, `nan`, hexadecimal or
/// surrounding spaces (the caller trims those), so a column reads as numeric only when every cell is
/// plainly a decimal number. Values with at most 19 significant digits whose mantissa fits in 53 bits
/// and whose decimal exponent is within ±22 are computed exactly (Clinger's fast path: one correctly
/// rounded multiplication or division of two exact doubles). Other mantissas of up to 19 digits (such
/// as the 17 digits of a full-precision double) go through the Eisel–Lemire algorithm. What neither
/// decides — more than 19 significant digits, halfway cases, subnormals, overflow — goes to
/// `Double(String)`, so the result always agrees with it bit for bit.
enum DecimalParser {
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalParseResult {
        let count = bytes.count
        var i = 0
        var negative = false
        if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var truncated = false
        var exponent = 0
        var sawDigit = false
        while i < count {
            let d = bytes[i] &- 48
            guard d < 10 else { break }
            sawDigit = true
            if mantissa == 0 && d == 0 {
                // A leading zero carries no information.
            } else if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significantDigits += 1
            } else {
                truncated = true
                exponent += 1
            }
            i += 1
        }
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < count {
                let d = bytes[i] &- 48
                guard d < 10 else { break }
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significantDigits += 1
                    exponent -= 1
                } else {
                    truncated = true
                }
                i += 1
            }
        }
        guard sawDigit else { return .notANumber }
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var sawExponentDigit = false
            while i < count {
                let d = bytes[i] &- 48
                guard d < 10 else { break }
                sawExponentDigit = true
                // Clamp: anything this large is out of range or zero anyway; strtod decides which.
                if written < 1_000_000 { written = written * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return .notANumber }
            exponent += exponentNegative ? -written : written
        }
        guard i == count else { return .notANumber }

        if mantissa == 0 && !truncated { return .value(negative ? -0.0 : 0.0) }
        if !truncated, mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            if exponent >= 0 {
                value *= exactPowersOfTen[exponent]
            } else {
                value /= exactPowersOfTen[-exponent]
            }
            return .value(negative ? -value : value)
        }
        if !truncated, let value = EiselLemire.double(mantissa: mantissa, exponent: exponent, negative: negative) {
            return .value(value)
        }
        return slowPath(bytes)
    }

    /// `Double(String)` itself, for the rare cell the fast path cannot do exactly (17-digit mantissas,
    /// large exponents). Building a short `String` costs one allocation, and guarantees identical results.
    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalParseResult {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return .notANumber }
        guard value.isFinite else { return .outOfRange }
        return .value(value)
    }
}
