internal import SwitchyardText

/// Byte-level helpers for the hand-written scanners: the hot path works on UTF-8 bytes, since a
/// Regex or Character walk over a 4 KB body costs more than the whole signal budget.
enum ByteText {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    /// Letters, digits and any non-ASCII byte: what may not touch an entity's edge.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b >= 0x80 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// The first index at or after `start` whose byte is not a lowercase ASCII letter (or the end),
    /// eight bytes at a time.
    @inline(__always) static func lowercaseRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while count - index >= 8 {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let other = ByteWord.inRange(word, 0x61, 0x7A) ^ 0x8080_8080_8080_8080
                if other != 0 { return index + other.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < count, isLower(bytes[index]) { index += 1 }
        return index
    }

    /// The first index at or after `start` holding `target`, or nil; eight bytes at a time (the
    /// lowest zero byte `ByteWord.zeroBytes` flags is exact).
    static func firstIndex(of target: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { raw in
            var index = max(0, start)
            let count = raw.count
            let spread = ByteWord.repeated(target)
            while count - index >= 8 {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ spread
                let found = ByteWord.zeroBytes(x)
                if found != 0 { return index + found.trailingZeroBitCount >> 3 }
                index += 8
            }
            while index < count {
                if raw[index] == target { return index }
                index += 1
            }
            return nil
        }
    }

    /// The first `limit` bytes of `text`, cut back to a character boundary.
    static func prefix(_ text: String, limit: Int) -> [UInt8] {
        var bytes = Array(text.utf8)
        guard bytes.count > limit else { return bytes }
        var cut = max(0, limit)
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        bytes.removeSubrange(cut...)
        return bytes
    }

    static func string(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True when no letter or digit sits right before `index`. Non-ASCII counts as a letter except
    /// U+0080-U+00BF (NBSP, £, «) and U+2000-U+2FFF (dashes, quotes, €), which are punctuation.
    static func boundaryBefore(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let b = bytes[index - 1]
        if b < 0x80 { return !isAlnum(b) }
        var lead = index - 1
        while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return isPunctuationLead(bytes[lead])
    }

    /// True when no letter or digit starts at `index` (the first byte after a candidate).
    static func boundaryAfter(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index < bytes.count else { return true }
        let b = bytes[index]
        if b < 0x80 { return !isAlnum(b) }
        return isPunctuationLead(b)
    }

    @inline(__always) static func isPunctuationLead(_ b: UInt8) -> Bool { b == 0xC2 || b == 0xE2 }

    /// Case-insensitive ASCII comparison of `bytes[at...]` with a lowercase ASCII literal.
    static func matchesLowercase(_ bytes: [UInt8], at index: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { lit in
            for offset in 0..<count where lower(bytes[index + offset]) != lit[offset] { return false }
            return true
        }
    }

    /// Lowercases ASCII and Latin-1 capitals (Ä Ö Ü É ...) of a UTF-8 word, enough for en/de keywords.
    static func foldedWord(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var previous: UInt8 = 0
        for b in bytes {
            if previous == 0xC3, b >= 0x80, b <= 0x9E, b != 0x97 {
                out.append(b + 0x20)
            } else {
                out.append(lower(b))
            }
            previous = b
        }
        return out
    }
}

extension ByteText {
    /// Whether one of `words` (folded, ASCII or Latin-1) starts a word inside `bytes[range]`:
    /// context words must not match inside other words ("tel" in "Bestellung").
    static func containsWordStart(_ words: [[UInt8]], in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let window = foldedWord(bytes[range])
        for needle in words where window.count >= needle.count {
            for offset in 0...(window.count - needle.count) where window[offset] == needle[0] {
                if window[offset..<offset + needle.count].elementsEqual(needle),
                    boundaryBefore(bytes, range.lowerBound + offset)
                {
                    return true
                }
            }
        }
        return false
    }
}

/// A word of letters (ASCII or any non-ASCII byte) with its byte span.
struct WordSpan {
    var start: Int
    var end: Int
}
