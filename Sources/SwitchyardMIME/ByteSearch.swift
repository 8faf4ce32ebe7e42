/// Byte-level helpers for the hot paths (every header, every body line): plain loops over UTF-8
/// instead of Character-based String operations, which cost a grapheme walk and allocations.
enum ByteSearch {
    /// Whether `haystack` contains `needle` (naive search; needles are short phrases).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// Lower-cases ASCII letters only (enough for matching our ASCII and UTF-8 phrase lists,
    /// which are written in lower case).
    static func asciiLowercased<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
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
