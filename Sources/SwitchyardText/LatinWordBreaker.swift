internal import CICU

/// Word segmentation of ASCII and Latin-1 text without ICU: the UAX #29 rules as ICU's root
/// word-break rules apply them to ASCII and to U+00C0-U+00FF (letters, and the signs × and ÷),
/// with the same rule-status classes (word, number, none). The dashes, quotes, bullet, ellipsis
/// and euro sign of everyday mail (`isCommonPunctuation`) are Word_Break "Other" and not
/// Extended_Pictographic, so ICU breaks on both sides of each: they are cut here too.
///
/// Only ever used on text whose bytes are ASCII, two-byte sequences led by 0xC3 or those common
/// punctuation marks, and whose cut
/// points are boundaries ICU makes whatever the neighbouring text (see `GapSegmenter`);
/// `TokenizerEquivalenceTests` checks it against ICU exhaustively on short strings and on the corpora.
enum LatinWordBreaker {
    /// Word_Break classes of the ASCII characters that have one other than "Other".
    enum Class: UInt8 {
        case other, letter, numeric, extendNumLet, midLetter, midNum, midNumLet, singleQuote, space, cr, newline
    }

    static let classes: [Class] = (0..<128).map { (b: Int) -> Class in
        switch b {
        // ICU's root rules count "@" as a letter (so "user@host" stays one word).
        case 0x40, 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x30...0x39: return .numeric
        case 0x5F: return .extendNumLet
        case 0x2C, 0x3B: return .midNum
        case 0x2E: return .midNumLet
        case 0x27: return .singleQuote
        case 0x20: return .space
        case 0x0D: return .cr
        case 0x0A, 0x0B, 0x0C: return .newline
        default: return .other
        }
    }

    /// Class of the character at `bytes[i]` and its length in bytes: ASCII by table, U+00C0-U+00FF
    /// (lead byte 0xC3) letters but for × (C3 97) and ÷ (C3 B7).
    @inline(__always)
    private static func character(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ table: UnsafeBufferPointer<Class>
    ) -> (Class, Int) {
        let b = bytes[i]
        if b < 0x80 { return (table[Int(b)], 1) }
        if b == 0xE2 { return (.other, 3) }  // one of `isCommonPunctuation`
        let c = i + 1 < bytes.count ? bytes[i + 1] : 0
        return (c == 0x97 || c == 0xB7 ? .other : .letter, 2)
    }

    /// Whether `bytes[i...]` starts with – — ‚ “ ” „ • … or € (U+2013, U+2014, U+201A, U+201C-U+201E,
    /// U+2022, U+2026, U+20AC). Not U+2018/U+2019/U+2024 (MidNumLet), U+2027 (MidLetter) or
    /// U+203C/U+2049 (Extended_Pictographic), which join or attach in ICU.
    @inline(__always)
    static func isCommonPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 2 < bytes.count, bytes[i] == 0xE2 else { return false }
        switch (bytes[i + 1], bytes[i + 2]) {
        case (0x80, 0x93), (0x80, 0x94), (0x80, 0x9A), (0x80, 0x9C), (0x80, 0x9D), (0x80, 0x9E), (0x80, 0xA2),
            (0x80, 0xA6), (0x82, 0xAC):
            return true
        default:
            return false
        }
    }

    /// The token kind of each ASCII character of class `other` on its own (`Tokenizer.classifyOther`),
    /// nil for the controls, which make no token.
    static let markKinds: [TokenKind?] = (0..<128).map { (b: Int) -> TokenKind? in
        [UInt8(b)].withUnsafeBufferPointer { Tokenizer.classifyOther($0) }
    }

    /// Hands the segments of `bytes[range]` (ASCII and C3-led pairs only) to `sink`, in order. Letter
    /// words of ASCII bytes only go to `asciiWord` and single ASCII marks to `asciiMark`, which need
    /// not look at their bytes again; runs of spaces and line breaks, which make no token, go nowhere.
    @inline(__always)
    static func segment<Sink: WordSegmentSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into sink: inout Sink
    ) {
        classes.withUnsafeBufferPointer { table in
            markKinds.withUnsafeBufferPointer { marks in
                var i = range.lowerBound
                let end = range.upperBound
                while i < end {
                    let (first, width) = character(bytes, i, table)
                    var j = i + width
                    switch first {
                    case .cr:
                        if j < end, bytes[j] == 0x0A { j += 1 }
                    case .space:
                        while j < end, bytes[j] == 0x20 { j += 1 }
                    case .newline:
                        break
                    case .letter, .numeric, .extendNumLet:
                        var ascii = width == 1
                        let kind = word(bytes, &j, end, first, &ascii, table)
                        if kind == Int32(CICU_WORD_LETTER), ascii {
                            sink.asciiWord(i, j)
                        } else {
                            sink.segment(i, j, kind)
                        }
                    default:
                        if width == 1 {
                            if let kind = marks[Int(bytes[i])] { sink.asciiMark(i, kind) }
                        } else {
                            sink.segment(i, j, Int32(CICU_WORD_NONE))
                        }
                    }
                    i = j
                }
            }
        }
    }

    /// Extends the word that starts with `first` (ending before `j`) as far as UAX #29 joins it,
    /// clearing `ascii` when a C3-led character joins; returns its rule status.
    @inline(__always)
    private static func word(
        _ bytes: UnsafeBufferPointer<UInt8>, _ j: inout Int, _ end: Int, _ first: Class, _ ascii: inout Bool,
        _ table: UnsafeBufferPointer<Class>
    ) -> Int32 {
        // ICU reports the status of the last rule that matched: WB5-WB13b each carry the class of
        // the character they end on, "_" after "_" counts as a letter, and a lone "_" matches no rule.
        var last = first
        var kind = Self.status(after: nil, of: first)
        while j < end {
            // Runs of ASCII letters are most of any text: a letter after anything that joins makes
            // the status "letter".
            if (bytes[j] | 0x20) &- 0x61 < 26 {
                kind = Int32(CICU_WORD_LETTER)
                last = .letter
                j += 1
                continue
            }
            let (next, nextWidth) = character(bytes, j, table)
            switch next {
            case .letter, .numeric, .extendNumLet:
                kind = Self.status(after: last, of: next, current: kind)
                last = next
                if nextWidth != 1 { ascii = false }
                j += nextWidth
                continue
            case .midLetter, .midNumLet, .singleQuote, .midNum:
                guard j + 1 < end else { break }
                let (after, afterWidth) = character(bytes, j + 1, table)
                if last == .letter, after == .letter, next != .midNum {
                    if afterWidth != 1 { ascii = false }
                    j += 1 + afterWidth
                    continue
                }
                if last == .numeric, after == .numeric, next != .midLetter {
                    j += 2
                    continue
                }
            default:
                break
            }
            break
        }
        return kind
    }

    private static func status(after previous: Class?, of next: Class, current: Int32 = 0) -> Int32 {
        switch next {
        case .letter: return Int32(CICU_WORD_LETTER)
        case .numeric: return Int32(CICU_WORD_NUMBER)
        default:
            switch previous {
            case .none: return Int32(CICU_WORD_NONE)
            case .letter, .extendNumLet: return Int32(CICU_WORD_LETTER)
            case .numeric: return Int32(CICU_WORD_NUMBER)
            default: return current
            }
        }
    }
}

/// Receives word segments, in text order: [start, end) byte offsets and a CICU_WORD_* class.
/// The tokenizer turns each into a token as it comes, so segments are never stored.
protocol WordSegmentSink: ~Copyable {
    mutating func segment(_ start: Int, _ end: Int, _ kind: Int32)
    /// A word of ASCII bytes only whose status is "letter" (`LatinWordBreaker`).
    mutating func asciiWord(_ start: Int, _ end: Int)
    /// The ASCII character at `at`, Word_Break "Other", a token of `kind` on its own (`LatinWordBreaker`).
    mutating func asciiMark(_ at: Int, _ kind: TokenKind)
}
