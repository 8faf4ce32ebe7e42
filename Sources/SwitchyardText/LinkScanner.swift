/// Finds web addresses and e-mail addresses in UTF-8 text before word segmentation, which would
/// otherwise cut them into many meaningless pieces.
struct LinkScanner {
    struct Span: Equatable {
        var range: Range<Int>
        var kind: TokenKind
    }

    /// Non-overlapping URL and e-mail spans in `bytes`, in order.
    ///
    /// Every span is found at a position that `spansByteByByte` tries one by one (a URL prefix, an
    /// "@"), and each of those is at most five bytes before a ".", ":" or "@" ("www." has its dot 3
    /// bytes on, "http://" its colon 4 and "https://" 5; the case-insensitive prefix test lowers
    /// only A-Z). So only the six positions up to each such byte are tried, in the same order and
    /// the same way; the bytes between are skipped eight at a time.
    static func spans(in bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var spans: [Span] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let candidate = nextCandidate(in: bytes, from: i)
            guard candidate < n else { break }
            i = max(i, candidate - 5)
            while i <= candidate {
                i = step(at: i, in: bytes, &spans)
            }
        }
        return spans
    }

    /// The reference `spans(in:)` must equal: every position tried.
    static func spansByteByByte(in bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var spans: [Span] = []
        var i = 0
        while i < bytes.count {
            i = step(at: i, in: bytes, &spans)
        }
        return spans
    }

    /// Where the next ".", ":" or "@" at or after `i` is (`bytes.count` if none).
    @inline(__always)
    private static func nextCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // A byte of `word` equals one of the three exactly when `word ^ repeated` has a zero byte.
            while i + 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let marks =
                    ByteWord.zeroBytes(word ^ ByteWord.repeated(UInt8(ascii: ".")))
                    | ByteWord.zeroBytes(word ^ ByteWord.repeated(UInt8(ascii: ":")))
                    | ByteWord.zeroBytes(word ^ ByteWord.repeated(UInt8(ascii: "@")))
                if marks != 0 {
                    break
                }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "@") { return i }
            i += 1
        }
        return n
    }

    /// Tries position `i`: appends the URL starting or the e-mail address around it, if any, and
    /// returns where to go on.
    @inline(__always)
    private static func step(at i: Int, in bytes: UnsafeBufferPointer<UInt8>, _ spans: inout [Span]) -> Int {
        let n = bytes.count
        let b = bytes[i]
        // Every URL form starts "ht" or "ww": one look at the next byte spares most words the prefix tests.
        let lowered = b | 0x20
        if lowered == UInt8(ascii: "h") || lowered == UInt8(ascii: "w"), i + 1 < n,
            bytes[i + 1] | 0x20 == (lowered == UInt8(ascii: "h") ? UInt8(ascii: "t") : UInt8(ascii: "w"))
        {
            if let end = urlEnd(bytes, from: i), !isWordByte(before: i, in: bytes) {
                spans.append(Span(range: i..<end, kind: .url))
                return end
            }
        } else if b == UInt8(ascii: "@") {
            if let span = email(around: i, in: bytes, notBefore: spans.last?.range.upperBound ?? 0) {
                spans.append(span)
                return span.range.upperBound
            }
        }
        return i + 1
    }

    private static func isWordByte(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i > 0 else { return false }
        let p = bytes[i - 1]
        return isAlnum(p) || p >= 0x80
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where lower(bytes[i + k]) != p[k] { return false }
        return true
    }

    /// End of a URL starting at `i` ("http://", "https://" or "www."), after trailing punctuation
    /// that more likely belongs to the sentence is trimmed.
    private static func urlEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        var j: Int
        if hasPrefix(bytes, at: i, "https://") {
            j = i + 8
        } else if hasPrefix(bytes, at: i, "http://") {
            j = i + 7
        } else if hasPrefix(bytes, at: i, "www.") {
            j = i + 4
        } else {
            return nil
        }
        let bodyStart = j
        while j < bytes.count, isURLByte(bytes[j]) { j += 1 }
        while j > bodyStart, isTrailingPunctuation(bytes[j - 1]) { j -= 1 }
        return j > bodyStart ? j : nil
    }

    private static func email(around at: Int, in bytes: UnsafeBufferPointer<UInt8>, notBefore: Int) -> Span? {
        var start = at
        while start > notBefore, isLocalPartByte(bytes[start - 1]) { start -= 1 }
        while start < at, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        var lastDot = end - 1
        while lastDot > at, bytes[lastDot] != UInt8(ascii: ".") { lastDot -= 1 }
        // A domain needs a dot with something on both sides ("a@b.c").
        guard lastDot > at + 1, lastDot < end - 1 else { return nil }
        return Span(range: start..<end, kind: .email)
    }

    private static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func isURLByte(_ b: UInt8) -> Bool {
        // ASCII only: a non-ASCII neighbour is far more often a quote mark than an IRI.
        if isAlnum(b) { return true }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
            UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
            UInt8(ascii: "?"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    private static func isLocalPartByte(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    private static func isDomainByte(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
    }
}
