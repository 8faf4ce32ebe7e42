/// Feature key -> weight row of the entity tagger: open addressing with linear probing, keys and rows
/// side by side so that a lookup touches one slot.
struct TaggerTable: Sendable {
    fileprivate struct Slot {
        var key: UInt64
        var row: Int32
    }

    private var slots: [Slot]
    private let shift: UInt64

    /// A lookup over the table's storage, valid inside `withLookup`.
    struct Lookup {
        fileprivate let slots: UnsafeBufferPointer<Slot>
        fileprivate let shift: UInt64

        /// The row of `key`, or -1. Keys are never 0 (`TaggerFeatures.key`), so 0 marks an empty slot.
        @inline(__always) func row(_ key: UInt64) -> Int {
            let mask = slots.count - 1
            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let found = slots[slot]
                if found.key == key { return Int(found.row) }
                if found.key == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Runs `body` with a lookup that does not touch the array (no retain/release per probe).
    @inline(__always) func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { body(Lookup(slots: $0, shift: shift)) }
    }

    init(_ rows: [UInt64: Int32]) {
        var bits: UInt64 = 4
        while (1 << bits) < rows.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        slots = [Slot](repeating: Slot(key: 0, row: -1), count: capacity)
        shift = 64 - bits
        // Sorted so that the probe sequences, and so the table, do not depend on dictionary order.
        for (key, row) in rows.sorted(by: { $0.key < $1.key }) where key != 0 {
            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(key: key, row: row)
        }
    }
}
