/// Byte-level helpers for the hot paths (every header, every body line): plain loops over UTF-8
/// instead of Character-based String operations, which cost a grapheme walk and allocations.
enum ByteSearch {
    /// Whether `haystack` contains `needle` (naive search; needles are short phrases).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        // Unchecked buffers: this runs over every body's first kilobyte for each phrase.
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                let first = pattern[0]
                let last = hay.count - pattern.count
                var index = 0
                while index <= last {
                    if hay[index] == first {
                        var offset = 1
                        while offset < pattern.count, hay[index + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// Lower-cases ASCII letters only (enough for matching our ASCII and UTF-8 phrase lists,
    /// which are written in lower case).
    static func asciiLowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        // Copy first (contiguous fast path), then lower-case in place.
        var result = Array(bytes)
        for index in result.indices where result[index] >= 0x41 && result[index] <= 0x5A { result[index] |= 0x20 }
        return result
    }
}

extension String {
    /// ASCII case-insensitive comparison without allocating (header names are ASCII).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                if a != b && (a | 0x20 != b | 0x20 || !((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)) { return false }
            default: return false
            }
        }
    }

    /// Whether the text contains the ASCII sequence (UTF-8 level, no grapheme walk).
    func containsBytes(_ needle: String) -> Bool {
        ByteSearch.contains(Array(utf8), Array(needle.utf8))
    }
}
