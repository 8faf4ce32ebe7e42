import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Hands out transaction ids that are unique within a process and sort by time: Crockford
/// base32 of the microsecond clock, a per-generator counter and a random salt (two servers in
/// one process, or a restart within the same microsecond, still do not collide).
public final class QueueIDGenerator: Sendable {
    private let counter = Atomic<UInt64>(0)
    private let salt: UInt64

    public init() {
        salt = UInt64.random(in: 0..<(1 << 20))
    }

    public func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        let micros = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
        return Self.base32(micros, digits: 11) + Self.base32(count & 0xFFFFF, digits: 4) + Self.base32(salt, digits: 4)
    }

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func base32(_ value: UInt64, digits: Int) -> String {
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: digits)
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(rest & 31)]
            rest >>= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
