/// Maps distinct byte strings to dense `Int32` codes without creating a `String` per cell.
///
/// Distinct values are appended once to a byte arena; an open-addressing table of codes (load factor
/// at most 1/2, linear probing) finds them again by FNV-1a hash and byte comparison. Strings are only
/// built at the end, once per distinct value.
struct ByteInterner {
    private var arena: [UInt8] = []
    /// Value `k` occupies `arena[starts[k]..<starts[k + 1]]`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// 0 = empty slot, otherwise code + 1.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    var count: Int { hashes.count }

    /// The code of `bytes`, or `nil` when a new value would need a code beyond `Int32.max`.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if hashes[code] == hash, equals(code, bytes) { return Int32(code) }
            slot = (slot + 1) & mask
        }
        guard let code = Int32(exactly: hashes.count), code < Int32.max else { return nil }
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            grow()
            mask = slots.count - 1
            slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
        }
        slots[slot] = code + 1
        return code
    }

    /// Interns every value of `other` in its code order and returns the code each gets here (indexed by
    /// its code in `other`), or `nil` when a code would go beyond `Int32.max`. Interning a chunk's values
    /// after the earlier chunks' gives the codes one interner reading all the chunks in turn would have.
    mutating func absorb(_ other: ByteInterner) -> [Int32]? {
        var codes: [Int32] = []
        codes.reserveCapacity(other.count)
        for code in 0..<other.count {
            let interned = other.arena.withUnsafeBufferPointer { arena in
                intern(UnsafeBufferPointer(rebasing: arena[other.starts[code]..<other.starts[code + 1]]))
            }
            guard let interned else { return nil }
            codes.append(interned)
        }
        return codes
    }

    /// The distinct values in code order.
    func values() -> [String] {
        (0..<count).map { code in
            arena.withUnsafeBufferPointer { String(decoding: $0[starts[code]..<starts[code + 1]], as: UTF8.self) }
        }
    }

    private func equals(_ code: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[code], end = starts[code + 1]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            var i = 0
            while i < bytes.count {
                if stored[start + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for code in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(code + 1)
        }
        slots = newSlots
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        // Mix the high bits down: the table is indexed by the low bits.
        return h ^ (h >> 29)
    }
}
