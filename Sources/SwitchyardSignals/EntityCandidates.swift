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
    /// Maximal ASCII letter-and-digit runs of a length some carrier uses (tracking numbers).
    let carrierTokens: [WordSpan]
    /// Runs of letters (ASCII or non-ASCII bytes) of 3-11 bytes whose first two letters may start a
    /// month name or a relative-day word.
    let dateWords: [WordSpan]

    @inline(__always) static func isCarrierLength(_ n: Int) -> Bool {
        n == 10 || n == 12 || n == 13 || n == 15 || n == 18 || (n >= 20 && n <= 22)
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
        var numbers: [Int] = []
        var phoneSigns: [Int] = []
        var ats: [Int] = []
        var links: [Int] = []
        var ibans: [Int] = []
        var carrierTokens: [WordSpan] = []
        var dateWords: [WordSpan] = []
        /// Start of the current ASCII letter/digit run, or -1.
        var alnumStart = -1
        /// Start of the current letter run (ASCII or non-ASCII bytes), or -1.
        var letterStart = -1

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func run() {
            let count = bytes.count
            var index = 0
            while index < count {
                let b = bytes[index]
                if ByteText.isLower(b) {
                    // Most of a mail is lowercase letters: they extend both kinds of run, nothing else.
                    if alnumStart < 0 { startAlnumRun(index) }
                    if letterStart < 0 { letterStart = index }
                    index += 1
                    while index < count, ByteText.isLower(bytes[index]) { index += 1 }
                    continue
                }
                if b >= 0x80 {
                    // Non-ASCII: part of a letter run, never of an ASCII letter/digit run.
                    if alnumStart >= 0 { endAlnumRun(index) }
                    if letterStart < 0 { letterStart = index }
                } else if ByteText.isUpper(b) {
                    if alnumStart < 0 { startAlnumRun(index) }
                    if letterStart < 0 { letterStart = index }
                } else if ByteText.isDigit(b) {
                    if alnumStart < 0 { startAlnumRun(index) }
                    if letterStart >= 0 { endLetterRun(index) }
                } else {
                    if alnumStart >= 0 { endAlnumRun(index) }
                    if letterStart >= 0 { endLetterRun(index) }
                    if b == 0x40 {
                        ats.append(index)
                    } else if b == 0x2B || b == 0x28 {
                        phoneSigns.append(index)
                    }
                }
                index += 1
            }
            if alnumStart >= 0 { endAlnumRun(count) }
            if letterStart >= 0 { endLetterRun(count) }
        }

        /// The first ASCII letter or digit after anything else.
        @inline(__always) mutating func startAlnumRun(_ index: Int) {
            alnumStart = index
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

        @inline(__always) mutating func endAlnumRun(_ end: Int) {
            if EntityCandidates.isCarrierLength(end - alnumStart) {
                carrierTokens.append(WordSpan(start: alnumStart, end: end))
            }
            alnumStart = -1
        }

        @inline(__always) mutating func endLetterRun(_ end: Int) {
            let length = end - letterStart
            if length >= 3, length <= 11,
                DateScanner.mayStartDateWord(ByteText.lower(bytes[letterStart]), ByteText.lower(bytes[letterStart + 1]))
            {
                dateWords.append(WordSpan(start: letterStart, end: end))
            }
            letterStart = -1
        }
    }
}
