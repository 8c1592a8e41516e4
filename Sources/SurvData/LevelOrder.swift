import Foundation

/// The order of the levels of a text column, as R orders factor levels in common locales
/// (`LC_COLLATE=en_US.UTF-8`, where R sorts with ICU): letters compared without regard to case or
/// accents first, then accents (unaccented first), then case (lowercase first), so `a, A, ä, b, B`.
/// Spaces sort before punctuation, punctuation before digits, digits before letters; digits compare as
/// characters (`"10"` before `"9"`, as R). Byte order breaks any remaining tie, so the order is total and
/// the same on every machine: the levels' order decides strata order, the trend test's scores and the
/// reference level of a Cox term, so it must never depend on the machine's locale.
///
/// This is the part of the Unicode collation algorithm that text in data sets meets (Latin letters,
/// ASCII punctuation and digits); scripts other than Latin sort after it by code point.
public enum LevelOrder {
    /// Sorts distinct texts; each key is computed once.
    public static func sorted(_ texts: [String]) -> [String] {
        let keys = texts.map(key)
        return texts.indices.sorted { keys[$0] < keys[$1] }.map { texts[$0] }
    }

    /// The permutation that sorts `texts`: `order[rank]` is the index of the text at that rank.
    public static func order(_ texts: [String]) -> [Int] {
        let keys = texts.map(key)
        return texts.indices.sorted { keys[$0] < keys[$1] }
    }

    public static func precedes(_ a: String, _ b: String) -> Bool { key(a) < key(b) }

    /// ASCII punctuation and symbols in ICU's root order (R's `sort()` under en_US.UTF-8 gives this string).
    private static let punctuation = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)
    private static let punctuationRank: [UInt32: UInt32] = Dictionary(
        uniqueKeysWithValues: punctuation.enumerated().map { ($1.value, UInt32($0)) })
    /// Letters with no canonical decomposition that ICU sorts as other letters (ß as ss, ø as o with a mark).
    private static let expansions: [UInt32: (String, UInt32)] = [
        0xDF: ("ss", 1), 0xF8: ("o", 1), 0xE6: ("ae", 1), 0x153: ("oe", 1), 0x142: ("l", 1), 0x111: ("d", 1),
    ]

    public struct Key: Comparable {
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt8] = []
        var bytes: [UInt8] = []

        public static func < (a: Key, b: Key) -> Bool {
            if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
            if a.secondary != b.secondary { return a.secondary.lexicographicallyPrecedes(b.secondary) }
            if a.tertiary != b.tertiary { return a.tertiary.lexicographicallyPrecedes(b.tertiary) }
            return a.bytes.lexicographicallyPrecedes(b.bytes)
        }
    }

    /// Weight classes, lowest first: whitespace, ASCII punctuation, other symbols, digits, letters.
    private static func primaryWeight(_ scalar: Unicode.Scalar) -> UInt32 {
        let p = scalar.properties
        let value = scalar.value
        if p.isWhitespace { return 1 << 24 | value }
        if let rank = punctuationRank[value] { return 2 << 24 | rank }
        if p.numericType != nil { return 4 << 24 | value }
        if p.isAlphabetic { return 5 << 24 | value }
        return 3 << 24 | value
    }

    public static func key(_ text: String) -> Key {
        var key = Key()
        key.bytes = Array(text.utf8)
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.canonicalCombiningClass != .notReordered, !key.secondary.isEmpty {
                // A combining accent weighs on the letter before it, at the secondary level.
                key.secondary[key.secondary.count - 1] &+= scalar.value
                continue
            }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            let upper: UInt8 = (lower.count != 1 || lower.first != scalar) ? 1 : 0
            var bases = Array(lower)
            var accent: UInt32 = 0
            if lower.count == 1, let first = lower.first, let (expansion, mark) = expansions[first.value] {
                bases = Array(expansion.unicodeScalars)
                accent = mark
            }
            for base in bases {
                key.primary.append(primaryWeight(base))
                key.secondary.append(accent)
                key.tertiary.append(upper)
            }
        }
        return key
    }
}
