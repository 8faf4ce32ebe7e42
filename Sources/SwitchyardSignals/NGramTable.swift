/// Open-addressing hash table from non-zero 64-bit keys (packed n-grams, tagger features) to
/// ranges: a lookup is a multiply and a probe or two, where `Dictionary` would run SipHash.
struct NGramTable: Sendable {
    private var keys: [UInt64]
    private var starts: [Int32]
    private var ends: [Int32]
    private let shift: UInt64

    init(_ entries: [(key: UInt64, range: Range<Int32>)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        keys = [UInt64](repeating: 0, count: capacity)
        starts = [Int32](repeating: 0, count: capacity)
        ends = [Int32](repeating: 0, count: capacity)
        shift = 64 - bits
        for entry in entries where entry.key != 0 {
            var slot = Int((entry.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 && keys[slot] != entry.key { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = entry.key
            starts[slot] = entry.range.lowerBound
            ends[slot] = entry.range.upperBound
        }
    }

    /// Keys are never 0 (scalars are never 0), so 0 marks an empty slot.
    @inline(__always) func range(_ key: UInt64) -> Range<Int>? {
        let mask = keys.count - 1
        var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == key { return Int(starts[slot])..<Int(ends[slot]) }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
