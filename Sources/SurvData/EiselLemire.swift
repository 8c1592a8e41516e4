/// The Eisel–Lemire algorithm: the correctly rounded double nearest `mantissa × 10^exponent` for a
/// mantissa of up to 19 digits, from one (rarely two) 64×64→128-bit multiplications by a truncated
/// 128-bit approximation of the power of ten. When the approximation cannot decide the rounding
/// (near-halfway cases, subnormal or overflowing results) it answers `nil` and the caller falls back
/// to an exact conversion. This follows Go's `strconv.eiselLemire64` (D. Lemire, "Number parsing at a
/// gigabyte per second", 2021).
enum EiselLemire {
    static let minimumExponent = -348
    static let maximumExponent = 347

    static func double(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        guard mantissa != 0, exponent >= minimumExponent, exponent <= maximumExponent else { return nil }
        let power = PowersOfTen.table[exponent - minimumExponent]
        let leadingZeros = mantissa.leadingZeroBitCount
        let normalized = mantissa << UInt64(leadingZeros)
        // floor(log2(10^exponent)) + 64 + bias, less the normalization shift (wrapping: a "negative"
        // value is caught by the range check below like any other out-of-range exponent).
        var binaryExponent = UInt64(bitPattern: Int64((217_706 * exponent) >> 16 + 64 + 1023)) &- UInt64(leadingZeros)

        var (high, low) = normalized.multipliedFullWidth(by: power.high)
        // The truncated table value may be one unit too small in its high half: widen when the
        // result's low bits are all ones and could carry.
        if high & 0x1FF == 0x1FF && low &+ normalized < normalized {
            let (wideHigh, wideLow) = normalized.multipliedFullWidth(by: power.low)
            var mergedHigh = high
            let mergedLow = low &+ wideHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && wideLow &+ normalized < normalized {
                return nil
            }
            high = mergedHigh
            low = mergedLow
        }
        let topBit = high >> 63
        var result = high >> (topBit + 9)
        binaryExponent &-= 1 ^ topBit
        // Exactly halfway between two doubles: the rounding cannot be decided from truncated bits.
        if low == 0 && high & 0x1FF == 0 && result & 3 == 1 { return nil }
        result &+= result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            binaryExponent &+= 1
        }
        // Zero (or wrapped) means subnormal, 0x7FF or more means overflow: both go to the exact path.
        guard binaryExponent &- 1 < 0x7FF - 1 else { return nil }
        var bits = binaryExponent << 52 | result & 0x000F_FFFF_FFFF_FFFF
        if negative { bits |= 1 << 63 }
        return Double(bitPattern: bits)
    }
}

/// 128-bit approximations, rounded down, of 10^e for e in -348...347, normalized so that the top bit
/// is set. Computed once with exact big-integer arithmetic rather than pasted as 1,392 literals:
/// positive powers by repeated multiplication by 10, negative ones as ⌊2^K / 10^|e|⌋ by repeated
/// integer division by 10 (⌊⌊a/b⌋/c⌋ = ⌊a/(bc)⌋, so no error accumulates).
enum PowersOfTen {
    struct Entry: Sendable {
        var low: UInt64
        var high: UInt64
    }

    static let table: [Entry] = {
        var negative: [Entry] = []
        // 2^1408 / 10^348 still has more than 128 bits (10^348 < 2^1157).
        var numerator = BigUnsigned(powerOfTwo: 1408)
        for _ in 1...(-EiselLemire.minimumExponent) {
            numerator.divide(by: 10)
            negative.append(numerator.top128())
        }
        var positive: [Entry] = []
        var value = BigUnsigned(powerOfTwo: 0)
        for _ in 0...EiselLemire.maximumExponent {
            positive.append(value.top128())
            value.multiply(by: 10)
        }
        return negative.reversed() + positive
    }()
}

/// Just enough of an unsigned big integer for the table: little-endian 64-bit limbs.
private struct BigUnsigned {
    var limbs: [UInt64]

    init(powerOfTwo exponent: Int) {
        limbs = [UInt64](repeating: 0, count: exponent / 64 + 1)
        limbs[exponent / 64] = 1 << UInt64(exponent % 64)
    }

    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let (high, low) = limbs[i].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limbs[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
    }

    mutating func divide(by divisor: UInt64) {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let (quotient, rest) = divisor.dividingFullWidth((high: remainder, low: limbs[i]))
            limbs[i] = quotient
            remainder = rest
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    }

    /// The 128 most significant bits, shifted so that the top one is set (truncating the rest).
    func top128() -> PowersOfTen.Entry {
        var top = limbs.count - 1
        while top > 0, limbs[top] == 0 { top -= 1 }
        let bitLength = top * 64 + (64 - limbs[top].leadingZeroBitCount)
        var high: UInt64 = 0, low: UInt64 = 0
        // Bit j of the result (127 = most significant) is bit (bitLength - 128 + j) of the number.
        for j in 0..<128 {
            let source = bitLength - 128 + j
            guard source >= 0 else { continue }
            if limbs[source / 64] >> UInt64(source % 64) & 1 == 1 {
                if j >= 64 { high |= 1 << UInt64(j - 64) } else { low |= 1 << UInt64(j) }
            }
        }
        return PowersOfTen.Entry(low: low, high: high)
    }
}
