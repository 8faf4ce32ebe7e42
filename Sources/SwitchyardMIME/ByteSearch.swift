/// Byte-level helpers for the hot paths (every header, every body line): plain loops over UTF-8
/// instead of Character-based String operations, which cost a grapheme walk and allocations.
enum ByteSearch {
    /// Whether `haystack` contains `needle`. Eight positions at a time: a candidate needs the
    /// needle's first two bytes, which ordinary text rarely has, so most words are skipped whole.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                guard let base = hay.baseAddress else { return false }
                let last = hay.count - pattern.count
                func matches(at index: Int) -> Bool {
                    var offset = 0
                    while offset < pattern.count, hay[index + offset] == pattern[offset] { offset += 1 }
                    return offset == pattern.count
                }
                var index = 0
                if pattern.count >= 2 {
                    let raw = UnsafeRawPointer(base)
                    let first = UInt64(pattern[0]) &* lowBits
                    let second = UInt64(pattern[1]) &* lowBits
                    // Lanes index...index+7 are all valid starts, and the second load ends in bounds.
                    while index + 7 <= last {
                        let here = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                        let next = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self))
                        var hits = zeroBytes(here ^ first) & zeroBytes(next ^ second)
                        while hits != 0 {
                            if matches(at: index + hits.trailingZeroBitCount / 8) { return true }
                            hits &= hits &- 1
                        }
                        index += 8
                    }
                }
                while index <= last {
                    if hay[index] == pattern[0] && matches(at: index) { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// The first index of `byte` in `buffer[start..<end]`, eight bytes at a time.
    static func firstIndex(
        of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> Int? {
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let pattern = UInt64(byte) &* lowBits
            while index + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // The lowest flagged byte is always a real match (no borrow reaches it).
                let hits = zeroBytes(word ^ pattern)
                if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end {
            if buffer[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Whether the bytes hold an ASCII digit or ":" (0x30...0x3A), eight bytes at a time.
    static func containsDigitOrColon(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if inRange(word, 0x30, 0x3A) != 0 { return true }
                    index += 8
                }
            }
            while index < buffer.count {
                if buffer[index] >= 0x30 && buffer[index] <= 0x3A { return true }
                index += 1
            }
            return false
        }
    }

    static let lowBits: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of every byte of `word` in `low...high` (both ASCII), exactly: per byte, the
    /// low 7 bits are compared by adding without carries between bytes, and the high bit must be clear.
    @inline(__always) static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let low7 = word & ~highBits
        let atLeastLow = (low7 &+ UInt64(0x80 - low) &* lowBits) & highBits
        let pastHigh = (low7 &+ UInt64(0x7F - high) &* lowBits) & highBits
        return atLeastLow & ~pastHigh & ~word & highBits
    }

    /// The high bit of every zero byte of `word` is set (bits above a zero byte may be set too,
    /// never below one, and never a zero byte's bit missing): a filter, checked byte by byte.
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- lowBits) & ~word & highBits
    }

    /// Lower-cases ASCII letters only (enough for matching our ASCII and UTF-8 phrase lists,
    /// which are written in lower case).
    static func asciiLowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        // Copy first (contiguous fast path), then lower-case in place, eight bytes at a time.
        var result = Array(bytes)
        result.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeMutableRawPointer(base)
                while index + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let upper = inRange(word, 0x41, 0x5A)
                    raw.storeBytes(of: word | (upper >> 2), toByteOffset: index, as: UInt64.self)
                    index += 8
                }
            }
            while index < buffer.count {
                if buffer[index] >= 0x41 && buffer[index] <= 0x5A { buffer[index] |= 0x20 }
                index += 1
            }
        }
        return result
    }
}

extension String {
    /// ASCII case-insensitive comparison without allocating (header names are ASCII).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var left = self
        var right = other
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                for index in leftBytes.indices {
                    let a = leftBytes[index]
                    let b = rightBytes[index]
                    if a != b && (a | 0x20 != b | 0x20 || !((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)) { return false }
                }
                return true
            }
        }
    }

    /// Whether the text contains the ASCII sequence (UTF-8 level, no grapheme walk).
    func containsBytes(_ needle: String) -> Bool {
        ByteSearch.contains(Array(utf8), Array(needle.utf8))
    }
}
