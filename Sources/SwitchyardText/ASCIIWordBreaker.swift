internal import CICU

/// Word segmentation of pure-ASCII text without ICU: the UAX #29 rules as ICU's root word-break
/// rules apply them to ASCII, with the same rule-status classes (word, number, none).
///
/// Only ever used on text that has no byte >= 0x80 and whose cut points are boundaries ICU makes
/// whatever the neighbouring text (see `Tokenizer.segmentFast`); `TokenizerEquivalenceTests`
/// checks it against ICU exhaustively on short strings and on the corpora.
enum ASCIIWordBreaker {
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

    /// Appends the segments of `bytes[range]` (all ASCII) to `segments`, offsets relative to `origin`.
    static func segment(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, origin: Int, into segments: inout WordSegments
    ) {
        classes.withUnsafeBufferPointer { table in
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                let first = table[Int(bytes[i])]
                var j = i + 1
                var kind = Int32(CICU_WORD_NONE)
                switch first {
                case .cr:
                    if j < end, bytes[j] == 0x0A { j += 1 }
                case .space:
                    while j < end, bytes[j] == 0x20 { j += 1 }
                case .letter, .numeric, .extendNumLet:
                    // ICU reports the status of the last rule that matched: WB5-WB13b each carry the
                    // class of the character they end on, "_" after "_" counts as a letter, and a
                    // lone "_" matches no rule.
                    var last = first
                    kind = Self.status(after: nil, of: first)
                    while j < end {
                        let next = table[Int(bytes[j])]
                        switch next {
                        case .letter, .numeric, .extendNumLet:
                            kind = Self.status(after: last, of: next, current: kind)
                            last = next
                            j += 1
                            continue
                        case .midLetter, .midNumLet, .singleQuote, .midNum:
                            guard j + 1 < end else { break }
                            let after = table[Int(bytes[j + 1])]
                            if last == .letter, after == .letter, next != .midNum {
                                j += 2
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
                default:
                    break
                }
                segments.append(start: i - origin, end: j - origin, kind: kind)
                i = j
            }
        }
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

/// Word segments as parallel arrays: [start, end) byte offsets and a CICU_WORD_* class each.
struct WordSegments {
    var starts: [Int32] = []
    var ends: [Int32] = []
    var kinds: [UInt8] = []

    var count: Int { starts.count }

    mutating func reserve(_ n: Int) {
        starts.reserveCapacity(n)
        ends.reserveCapacity(n)
        kinds.reserveCapacity(n)
    }

    mutating func append(start: Int, end: Int, kind: Int32) {
        starts.append(Int32(start))
        ends.append(Int32(end))
        kinds.append(UInt8(truncatingIfNeeded: kind))
    }

    mutating func removeAll() {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
    }
}
