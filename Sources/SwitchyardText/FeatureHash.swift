/// The fixed hash that names every feature: 64-bit FNV-1a over a one-byte namespace followed by
/// the feature's UTF-8 text. It is part of the model file format (a model stores these keys), so
/// it must never change for a given `FeatureSpace.version`; unlike Swift's `Hasher` it is not
/// seeded per process.
public struct FeatureHash: Sendable, Hashable {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public private(set) var value: UInt64

    /// A hash already fed with the namespace byte of `block`/`kind`.
    init(namespace: UInt8) {
        value = Self.offsetBasis
        feed(namespace)
    }

    @inline(__always)
    mutating func feed(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    @inline(__always)
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { feed(b) }
    }

    /// The key of a feature given its namespace byte and text.
    public static func key(namespace: UInt8, text: String) -> UInt64 {
        var hash = FeatureHash(namespace: namespace)
        for b in text.utf8 { hash.feed(b) }
        return hash.value
    }
}
