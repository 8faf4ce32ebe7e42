/// Tests on eight bytes at once (a little-endian `UInt64` load), for the scans that skip through
/// text looking for a few byte values: the tokenizer's link scan and the entity scanners share
/// them so the carry reasoning is written and checked once. (SwitchyardMIME keeps its own copy in
/// `ByteSearch`: it does not depend on this module.)
package enum ByteWord {
    @usableFromInline static let lowBits: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every byte of a word, to XOR against: the result has a zero byte where `byte` was.
    @inlinable package static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* lowBits }

    /// The high bit of every zero byte of `word` is set. Bits above a zero byte may be set too (the
    /// borrow), never below one, and never a zero byte's bit missing: so the lowest set bit, and
    /// whether any is set, are exact.
    @inlinable package static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- lowBits) & ~word & highBits
    }

    /// The high bit of every byte of `word` in `low...high` (both ASCII), exactly: per byte, the
    /// low 7 bits are compared by adding without carries between bytes, and the high bit must be clear.
    @inlinable package static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let low7 = word & ~highBits
        let atLeastLow = (low7 &+ UInt64(0x80 - low) &* lowBits) & highBits
        let pastHigh = (low7 &+ UInt64(0x7F - high) &* lowBits) & highBits
        return atLeastLow & ~pastHigh & ~word & highBits
    }
}
