/// Open-addressing map from feature key to feature index: the scoring hot path does one lookup
/// per n-gram, which a `Dictionary` makes several times slower.
struct FeatureTable: Sendable {
    private let slots: [Int32]
    private let keys: [UInt64]
    private let mask: Int

    init(keys: [UInt64]) throws(FeatureSpaceError) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, key) in keys.enumerated() {
            var slot = Self.home(key, mask)
            while slots[slot] >= 0 {
                if keys[Int(slots[slot])] == key { throw FeatureSpaceError("duplicate feature key \(key)") }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(index)
        }
        self.slots = slots
        self.keys = keys
        self.mask = mask
    }

    @inline(__always)
    private static func home(_ key: UInt64, _ mask: Int) -> Int {
        // FNV's low bits are its weakest: fold the high half in.
        Int(truncatingIfNeeded: ((key ^ (key >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func index(of key: UInt64) -> Int? {
        var slot = Self.home(key, mask)
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if keys[Int(index)] == key { return Int(index) }
            slot = (slot + 1) & mask
        }
    }
}
