/// Where entities can start, found in one pass over the text, so that each scanner visits a handful
/// of positions instead of walking every byte (nine walks over a 4 KB body cost more than the
/// whole entity budget).
///
/// Each list is a superset of the positions its scanner accepts: the scanner still applies its own
/// full test at every candidate, so visiting only candidates finds exactly what a byte-by-byte walk
/// finds.
struct EntityCandidates {
    /// Digits with no ASCII letter or digit before them: cards, phones, amounts, numeric dates.
    let numbers: [Int]
    /// '+' and '(' (phone numbers open with them).
    let phoneSigns: [Int]
    /// '@' (e-mail addresses).
    let ats: [Int]
    /// "ht"/"ww" (any case) with no ASCII letter or digit before: "http://", "www.".
    let links: [Int]
    /// Two capitals and two digits with no ASCII letter or digit before: an IBAN's country and check.
    let ibans: [Int]
    /// Maximal ASCII letter-and-digit runs of a length some carrier uses that start as a tracking
    /// number can: with a digit, or with a capital when 13 long (UPU S10). `TrackingScanner` turns
    /// every other run away before looking at it.
    let carrierTokens: [WordSpan]
    /// Runs of letters (ASCII or non-ASCII bytes) of 3-11 bytes whose first two letters and length
    /// fit a month name or a relative-day word (`DateScanner.mayBeDateWord`).
    let dateWords: [WordSpan]

    /// Bit n set: some carrier's numbers are n characters long (10, 12, 13, 15, 18, 20-22).
    private static let carrierLengths: UInt64 = 1 << 10 | 1 << 12 | 1 << 13 | 1 << 15 | 1 << 18 | 0b111 << 20

    @inline(__always) static func isCarrierLength(_ n: Int) -> Bool {
        n < 64 && carrierLengths >> UInt64(n) & 1 != 0
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var scan = Scan(bytes)
        scan.run()
        numbers = scan.numbers
        phoneSigns = scan.phoneSigns
        ats = scan.ats
        links = scan.links
        ibans = scan.ibans
        carrierTokens = scan.carrierTokens
        dateWords = scan.dateWords
    }

    /// The pass itself: a struct with mutating methods, so that the lists are plain stored
    /// properties (closures capturing them would box them and check exclusivity on every append).
    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        /// `DateScanner`'s date-word filter tables, read once per text rather than through their lazy
        /// globals at every word.
        let dateWordClasses: [UInt8]
        let dateWordLengths: [UInt16]
        var numbers: [Int] = []
        var phoneSigns: [Int] = []
        var ats: [Int] = []
        var links: [Int] = []
        var ibans: [Int] = []
        var carrierTokens: [WordSpan] = []
        var dateWords: [WordSpan] = []

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            dateWordClasses = DateScanner.dateWordClasses
            dateWordLengths = DateScanner.dateWordLengths
        }

        mutating func run() {
            let count = bytes.count
            // Start of the current ASCII letter/digit run and of the current letter run (ASCII or
            // non-ASCII bytes), or -1. Locals, not properties: they stay in registers across appends.
            var alnumStart = -1
            var letterStart = -1
            var index = 0
            while index < count {
                let b = bytes[index]
                if ByteText.isAlpha(b) {
                    // Letters extend both kinds of run, and lowercase ones do nothing else.
                    let end = ByteText.lowercaseRunEnd(bytes, from: index + 1)
                    if alnumStart < 0, letterStart < 0, end < count, Self.isBreak(bytes[end]) {
                        // The commonest shape: a word of ASCII letters (first of either case, then
                        // lowercase) ended by a space or punctuation, which ends both runs: done whole.
                        startAlnumRun(index)
                        endAlnumRun(index, end)
                        endLetterRun(index, end)
                        noteBreak(end)
                        index = end + 1
                        continue
                    }
                    if alnumStart < 0 {
                        alnumStart = index
                        startAlnumRun(index)
                    }
                    if letterStart < 0 { letterStart = index }
                    index = end
                    continue
                }
                if b >= 0x80 {
                    // Non-ASCII: part of a letter run, never of an ASCII letter/digit run.
                    if alnumStart >= 0 { endAlnumRun(alnumStart, index) }
                    alnumStart = -1
                    if letterStart < 0 { letterStart = index }
                    index += 1
                    while index < count, bytes[index] >= 0x80 { index += 1 }
                    continue
                }
                if ByteText.isDigit(b) {
                    if alnumStart < 0 {
                        alnumStart = index
                        startAlnumRun(index)
                    }
                    if letterStart >= 0 { endLetterRun(letterStart, index) }
                    letterStart = -1
                } else {
                    if alnumStart >= 0 { endAlnumRun(alnumStart, index) }
                    if letterStart >= 0 { endLetterRun(letterStart, index) }
                    alnumStart = -1
                    letterStart = -1
                    noteBreak(index)
                }
                index += 1
            }
            if alnumStart >= 0 { endAlnumRun(alnumStart, count) }
            if letterStart >= 0 { endLetterRun(letterStart, count) }
        }

        /// ASCII that is neither letter nor digit: ends both kinds of run.
        @inline(__always) static func isBreak(_ b: UInt8) -> Bool { b < 0x80 && !ByteText.isAlnum(b) }

        /// A break byte that may open an entity.
        @inline(__always) mutating func noteBreak(_ index: Int) {
            let b = bytes[index]
            if b == 0x40 {
                ats.append(index)
            } else if b == 0x2B || b == 0x28 {
                phoneSigns.append(index)
            }
        }

        /// The first ASCII letter or digit after anything else.
        @inline(__always) mutating func startAlnumRun(_ index: Int) {
            let b = bytes[index]
            if ByteText.isDigit(b) {
                numbers.append(index)
                return
            }
            guard index + 1 < bytes.count else { return }
            let lowered = b | 0x20
            let next = bytes[index + 1]
            if (lowered == 0x68 && next | 0x20 == 0x74) || (lowered == 0x77 && next | 0x20 == 0x77) {
                links.append(index)
            }
            if ByteText.isUpper(b), index + 3 < bytes.count, ByteText.isUpper(next),
                ByteText.isDigit(bytes[index + 2]), ByteText.isDigit(bytes[index + 3])
            {
                ibans.append(index)
            }
        }

        @inline(__always) mutating func endAlnumRun(_ start: Int, _ end: Int) {
            let length = end - start
            if EntityCandidates.isCarrierLength(length) {
                let first = bytes[start]
                if ByteText.isDigit(first) || (length == 13 && ByteText.isUpper(first)) {
                    carrierTokens.append(WordSpan(start: start, end: end))
                }
            }
        }

        @inline(__always) mutating func endLetterRun(_ start: Int, _ end: Int) {
            let length = end - start
            if length >= 3, length <= 11,
                DateScanner.mayBeDateWord(
                    bytes[start], bytes[start + 1], length, dateWordClasses, dateWordLengths)
            {
                dateWords.append(WordSpan(start: start, end: end))
            }
        }
    }
}
