/// Open-addressing map from feature key to feature index: the scoring hot path does one lookup
/// per n-gram occurrence (thousands per e-mail), which a `Dictionary` makes several times slower.
/// Key and index share a slot, so a lookup costs one cache line.
struct FeatureTable: Sendable {
    private struct Slot {
        var key: UInt64
        var index: Int32
    }

    private let slots: [Slot]
    private let mask: Int

    init(keys: [UInt64]) throws(FeatureSpaceError) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(key: 0, index: -1), count: capacity)
        let mask = capacity - 1
        for (index, key) in keys.enumerated() {
            var slot = Self.home(key, mask)
            while slots[slot].index >= 0 {
                if slots[slot].key == key { throw FeatureSpaceError("duplicate feature key \(key)") }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(key: key, index: Int32(index))
        }
        self.slots = slots
        self.mask = mask
    }

    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int {
        // FNV's low bits are its weakest: fold the high half in.
        Int(truncatingIfNeeded: ((key ^ (key >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func index(of key: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Self.home(key, mask)
            while true {
                let entry = slots[slot]
                if entry.index < 0 { return nil }
                if entry.key == key { return Int(entry.index) }
                slot = (slot + 1) & mask
            }
        }
    }
}
