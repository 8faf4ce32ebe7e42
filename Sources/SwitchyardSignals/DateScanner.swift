/// Finds dates written in English or German (numeric, ISO, with month names) and relative days
/// ("yesterday", "gestern", "3 days ago", "vor 3 Tagen") resolved against the message's date.
struct DateScanner {
    /// Resolves relative dates and year-less dates; nil leaves their `value` empty.
    var reference: CivilDate?
    /// For "03/04/2026": month first (US English) or day first (everyone else).
    var monthFirst: Bool

    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [(Int, [String])] = [
            (1, ["january", "jan", "januar", "jänner"]), (2, ["february", "feb", "februar"]),
            (3, ["march", "mar", "märz", "maerz", "mär"]), (4, ["april", "apr"]), (5, ["may", "mai"]),
            (6, ["june", "jun", "juni"]), (7, ["july", "jul", "juli"]), (8, ["august", "aug"]),
            (9, ["september", "sep", "sept"]), (10, ["october", "oct", "oktober", "okt"]),
            (11, ["november", "nov"]), (12, ["december", "dec", "dezember", "dez"]),
        ]
        for (month, words) in names { for word in words { table[word] = month } }
        return table
    }()

    static let relativeDays: [String: Int] = [
        "today": 0, "heute": 0, "yesterday": -1, "gestern": -1, "tomorrow": 1, "vorgestern": -2, "übermorgen": 2,
    ]

    /// Classes of a word's first two bytes for `mayBeDateWord`: ASCII letters of either case 0-25,
    /// 0xC3 (lead byte of "ä", "ü", "Ü"...) 26, 0xBC/0x9C (second byte of "ü"/"Ü") 27, others 28.
    static let dateWordClasses: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        if ByteText.isAlpha(UInt8(b)) { return UInt8(b | 0x20) - 0x61 }
        if b == 0xC3 { return 26 }
        return b == 0xBC || b == 0x9C ? 27 : 28
    }

    /// Per pair of classes (29x29): bit n set when a word `dateWord` can accept opens with that pair
    /// and is n bytes long. Decomposed umlauts count: "ma\u{308}rz" (6 bytes) is canonically equal
    /// to "märz", and `dateWord` takes it. Precomposed, only "übermorgen" opens with a non-ASCII
    /// letter and only "mär"/"märz" have one second; "jänner" precomposed has never been looked up
    /// (the scanner turned "j" + non-ASCII away before this table existed) and still is not.
    static let dateWordLengths: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 29 * 29)
        var words = Array(months.keys) + Array(relativeDays.keys) + ["morgen", "ago", "tagen"]
        words += words.map { word in
            var decomposed = ""
            for scalar in word.unicodeScalars {
                switch scalar {
                case "ä": decomposed += "a\u{308}"
                case "ü": decomposed += "u\u{308}"
                default: decomposed.unicodeScalars.append(scalar)
                }
            }
            return decomposed
        }
        for word in words {
            let b = Array(word.utf8)
            let first = dateWordClasses[Int(b[0])]
            let second = dateWordClasses[Int(b[1])]
            let opensASCII = first < 26 && second < 26
            let opensWithUmlaut = first == 26 && second == 27
            let mWithUmlaut = b[0] == 0x6D && second == 26
            guard b.count < 16, opensASCII || opensWithUmlaut || mWithUmlaut else { continue }
            table[Int(first) * 29 + Int(second)] |= 1 << b.count
        }
        return table
    }()

    /// Whether a letter run of `length` bytes opening with `first`, `second` may be a date word:
    /// false only when `dateWord` would certainly say nil (a letter is canonically equal only to
    /// itself, so the lengths in `lengths` are exact). `classes`/`lengths`: the two tables above.
    @inline(__always) static func mayBeDateWord(
        _ first: UInt8, _ second: UInt8, _ length: Int, _ classes: [UInt8], _ lengths: [UInt16]
    ) -> Bool {
        let row = Int(classes[Int(first)])
        let column = Int(classes[Int(second)])
        return length < 16 && lengths[row * 29 + column] >> UInt16(length) & 1 != 0
    }

    /// - Parameters:
    ///   - numbers: digits at a word start (`EntityCandidates.numbers`), ascending.
    ///   - words: letter runs that may be a month or relative-day word (`EntityCandidates.dateWords`).
    func scan(_ bytes: [UInt8], numbers: [Int], words: [WordSpan], into found: inout [Entity]) {
        scanNumeric(bytes, starts: numbers, into: &found)
        scanWords(bytes, words: words, into: &found)
    }

    /// The run of letters (ASCII or non-ASCII bytes) before the one starting at `start`, if any.
    static func wordBefore(_ bytes: [UInt8], _ start: Int) -> WordSpan? {
        func isLetter(_ b: UInt8) -> Bool { ByteText.isAlpha(b) || b >= 0x80 }
        var end = start
        while end > 0, !isLetter(bytes[end - 1]) { end -= 1 }
        guard end > 0 else { return nil }
        var first = end
        while first > 0, isLetter(bytes[first - 1]) { first -= 1 }
        return WordSpan(start: first, end: end)
    }

    private func make(_ bytes: [UInt8], _ start: Int, _ end: Int, _ date: CivilDate?, valid: Bool = true) -> Entity {
        Entity(
            type: .date, text: ByteText.string(bytes, start, end), start: start, end: end,
            valid: valid, value: date.map { $0.description })
    }

    // MARK: numeric forms

    private func scanNumeric(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        let count = bytes.count
        var index = 0
        for start in starts where start >= index {
            index = start
            guard ByteText.isDigit(bytes[index]), ByteText.boundaryBefore(bytes, index),
                index < 2 || !(Self.isSeparator(bytes[index - 1]) && ByteText.isDigit(bytes[index - 2]))
            else {
                index += 1
                continue
            }
            var groups: [(value: Int, length: Int)] = []
            var separator: UInt8 = 0
            var scan = index
            while scan < count, groups.count < 3 {
                let groupStart = scan
                var value = 0
                while scan < count, ByteText.isDigit(bytes[scan]), scan - groupStart < 5 {
                    value = value * 10 + Int(bytes[scan] - 0x30)
                    scan += 1
                }
                groups.append((value, scan - groupStart))
                guard groups.count < 3, scan + 1 < count, Self.isSeparator(bytes[scan]),
                    separator == 0 || separator == bytes[scan], ByteText.isDigit(bytes[scan + 1])
                else { break }
                separator = bytes[scan]
                scan += 1
            }
            let end = scan
            defer { index = max(end, index + 1) }
            guard groups.count == 3, ByteText.boundaryAfter(bytes, end),
                end + 1 >= count || !(Self.isSeparator(bytes[end]) && ByteText.isDigit(bytes[end + 1])),
                let (date, _) = interpret(groups, separator)
            else { continue }
            found.append(make(bytes, index, end, date.isValid ? date : nil, valid: date.isValid))
        }
    }

    private static func isSeparator(_ b: UInt8) -> Bool { b == 0x2E || b == 0x2F || b == 0x2D }

    /// Reads three digit groups as a date; nil when no reading is plausible (versions, prices).
    private func interpret(_ g: [(value: Int, length: Int)], _ separator: UInt8) -> (CivilDate, Bool)? {
        if g[0].length == 4, g[1].length <= 2, g[2].length <= 2, separator != 0x2E {
            let date = CivilDate(year: g[0].value, month: g[1].value, day: g[2].value)
            return Self.plausible(date) ? (date, true) : nil
        }
        guard g[0].length <= 2, g[1].length <= 2, g[2].length == 4 || g[2].length == 2 else { return nil }
        let year = g[2].length == 4 ? g[2].value : (g[2].value < 70 ? 2000 + g[2].value : 1900 + g[2].value)
        var day = g[0].value
        var month = g[1].value
        if separator == 0x2F, g[0].value <= 12, g[1].value > 12 || monthFirst {
            swap(&day, &month)  // "03/15/2026", or "03/04/2026" in US English
        }
        let date = CivilDate(year: year, month: month, day: day)
        return Self.plausible(date) ? (date, true) : nil
    }

    /// Shape check before the calendar check: month 1-12, day 1-31, a year people write in mail.
    private static func plausible(_ date: CivilDate) -> Bool {
        (1...12).contains(date.month) && (1...31).contains(date.day) && (1900...2199).contains(date.year)
    }

    // MARK: month names and relative words

    /// What a candidate word means to the date scanner.
    enum DateWord: Equatable {
        case month(Int)
        case relativeDay(Int)
        /// "morgen": tomorrow when lowercase ("Morgen" is also the noun "morning").
        case morgen
        /// "ago" / "Tagen": the end of "3 days ago" / "vor 3 Tagen".
        case daysAgo
    }

    /// Every ASCII date word by length, packed as folded bytes (8 + 3), so that the common case (an
    /// ASCII word) is compared without building a String.
    private static let asciiWords: [[(low: UInt64, high: UInt64, word: DateWord)]] = {
        var table = [[(low: UInt64, high: UInt64, word: DateWord)]](repeating: [], count: 12)
        var entries: [(String, DateWord)] = months.map { ($0.key, .month($0.value)) }
        entries += relativeDays.map { ($0.key, .relativeDay($0.value)) }
        entries += [("morgen", .morgen), ("ago", .daysAgo), ("tagen", .daysAgo)]
        for (text, word) in entries where text.utf8.allSatisfy({ $0 < 0x80 }) && text.utf8.count < 12 {
            let (low, high) = pack(Array(text.utf8)[...])
            table[text.utf8.count].append((low, high, word))
        }
        return table
    }()

    @inline(__always) private static func pack(_ folded: ArraySlice<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (offset, b) in folded.enumerated() {
            if offset < 8 { low |= UInt64(b) << (8 * offset) } else { high |= UInt64(b) << (8 * (offset - 8)) }
        }
        return (low, high)
    }

    /// The meaning of a candidate word, or nil. Words with non-ASCII bytes go through a String lookup,
    /// whose canonical equivalence also accepts a decomposed "ma\u{308}rz".
    static func dateWord(_ bytes: [UInt8], _ word: WordSpan) -> DateWord? {
        let length = word.end - word.start
        guard length < 12 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for offset in 0..<length {
            let b = bytes[word.start + offset]
            if b >= 0x80 { return nonASCIIDateWord(bytes, word) }
            let folded = UInt64(ByteText.lower(b))
            if offset < 8 { low |= folded << (8 * offset) } else { high |= folded << (8 * (offset - 8)) }
        }
        for entry in asciiWords[length] where entry.low == low && entry.high == high { return entry.word }
        return nil
    }

    private static func nonASCIIDateWord(_ bytes: [UInt8], _ word: WordSpan) -> DateWord? {
        // A word with a non-ASCII byte can only be canonically equal to a word with a non-ASCII letter
        // (no lowercase ASCII letter has a non-ASCII canonical equivalent): "märz", "mär", "jänner",
        // "übermorgen", precomposed or with a combining mark. Anything else is turned away here.
        let first = ByteText.lower(bytes[word.start])
        let second = bytes[word.start + 1]
        switch first {
        case 0x6D, 0x6A: guard second == 0xC3 || second | 0x20 == 0x61 else { return nil }  // m, j
        case 0x75: guard second == 0xCC else { return nil }  // u + combining diaeresis
        case 0xC3: guard second == 0xBC || second == 0x9C else { return nil }  // ü, Ü
        default: return nil
        }
        let folded = String(decoding: ByteText.foldedWord(bytes[word.start..<word.end]), as: UTF8.self)
        if let month = months[folded] { return .month(month) }
        if let offset = relativeDays[folded] { return .relativeDay(offset) }
        if folded == "morgen" { return .morgen }
        if folded == "ago" || folded == "tagen" { return .daysAgo }
        return nil
    }

    private func scanWords(_ bytes: [UInt8], words: [WordSpan], into found: inout [Entity]) {
        for word in words {
            switch Self.dateWord(bytes, word) {
            case .month(let month):
                if let entity = monthDate(bytes, word, month) { found.append(entity) }
            case .relativeDay(let offset):
                var start = word.start
                var days = offset
                if offset == -1, let previous = Self.wordBefore(bytes, word.start),
                    let before = Self.wordBefore(bytes, previous.start)
                {
                    let beforeText = ByteText.foldedWord(bytes[before.start..<previous.end])
                    if beforeText.elementsEqual("day before".utf8) {
                        start = before.start
                        days = -2
                    }
                }
                found.append(make(bytes, start, word.end, reference?.adding(days: days)))
            case .morgen:
                if bytes[word.start] == 0x6D {
                    found.append(make(bytes, word.start, word.end, reference?.adding(days: 1)))  // lowercase: tomorrow
                }
            case .daysAgo:
                if let entity = daysAgo(bytes, word) { found.append(entity) }
            case nil:
                continue
            }
        }
    }

    /// "3 days ago" (numeral before "days") or "vor 3 Tagen" (numeral after "vor").
    private func daysAgo(_ bytes: [UInt8], _ unit: WordSpan) -> Entity? {
        guard let previous = Self.wordBefore(bytes, unit.start) else { return nil }
        let isEnglish = bytes[unit.start] | 0x20 == 0x61
        let dayWord = isEnglish ? previous : unit
        if isEnglish {
            let folded = ByteText.foldedWord(bytes[dayWord.start..<dayWord.end])
            guard folded.elementsEqual("days".utf8) || folded.elementsEqual("day".utf8) else { return nil }
        } else {
            let vor = ByteText.foldedWord(bytes[previous.start..<previous.end])
            guard vor.elementsEqual("vor".utf8) else { return nil }
        }
        var scan = dayWord.start - 1
        while scan >= 0, bytes[scan] == 0x20 { scan -= 1 }
        var digitsEnd = scan + 1
        var number = 0
        var place = 1
        while scan >= 0, ByteText.isDigit(bytes[scan]), place < 1000 {
            number += Int(bytes[scan] - 0x30) * place
            place *= 10
            scan -= 1
        }
        guard place > 1 else { return nil }
        let start = isEnglish ? scan + 1 : previous.start
        digitsEnd = unit.end
        return make(bytes, start, digitsEnd, reference?.adding(days: -number))
    }

    /// "15 March 2026", "15. März 2026", "March 15, 2026", "March 15th"; a day is required.
    private func monthDate(_ bytes: [UInt8], _ word: WordSpan, _ month: Int) -> Entity? {
        let count = bytes.count
        var start = word.start
        var end = word.end
        var day: Int?
        // Day before the month: "15 ", "15. ", "15th of ".
        var scan = word.start - 1
        while scan >= 0, bytes[scan] == 0x20 { scan -= 1 }
        if scan >= 1, ByteText.foldedWord(bytes[scan - 1...scan]).elementsEqual("of".utf8) {
            scan -= 2
            while scan >= 0, bytes[scan] == 0x20 { scan -= 1 }
        }
        if scan >= 0, bytes[scan] == 0x2E { scan -= 1 }
        if scan >= 1, Self.isOrdinalSuffix(bytes, scan - 1) { scan -= 2 }
        if let (value, first) = Self.digitsEnding(bytes, at: scan) {
            day = value
            start = first
        } else {
            // Day after the month: "March 15", "March 15th,".
            var after = word.end
            if after < count, bytes[after] == 0x2E { after += 1 }
            while after < count, bytes[after] == 0x20 { after += 1 }
            if let (value, last) = Self.digitsStarting(bytes, at: after), value <= 31 {
                day = value
                end = last
                if end + 1 < count, Self.isOrdinalSuffix(bytes, end) { end += 2 }
            }
        }
        guard let day, (1...31).contains(day) else { return nil }
        var year = reference?.year
        var after = end
        if after < count, bytes[after] == 0x2C { after += 1 }
        while after < count, bytes[after] == 0x20 { after += 1 }
        if let (value, last) = Self.digitsStarting(bytes, at: after), last - after == 4, (1900...2199).contains(value) {
            year = value
            end = last
        }
        guard ByteText.boundaryAfter(bytes, end) || (end < count && bytes[end] == 0x2E) else { return nil }
        guard let year else { return make(bytes, start, end, nil) }
        let date = CivilDate(year: year, month: month, day: day)
        return make(bytes, start, end, date.isValid ? date : nil, valid: date.isValid)
    }

    private static func isOrdinalSuffix(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index >= 0, index + 1 < bytes.count else { return false }
        let pair = (ByteText.lower(bytes[index]), ByteText.lower(bytes[index + 1]))
        return pair == (0x73, 0x74) || pair == (0x6E, 0x64) || pair == (0x72, 0x64) || pair == (0x74, 0x68)
    }

    /// One or two digits ending at `index`, standing alone; returns value and first index.
    private static func digitsEnding(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        guard index >= 0, ByteText.isDigit(bytes[index]) else { return nil }
        var first = index
        while first > 0, ByteText.isDigit(bytes[first - 1]), index - first < 2 { first -= 1 }
        guard index - first < 2, ByteText.boundaryBefore(bytes, first) else { return nil }
        return (bytes[first...index].reduce(0) { $0 * 10 + Int($1 - 0x30) }, first)
    }

    /// Digits starting at `index` (at most four); returns value and the index after them.
    private static func digitsStarting(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        var last = index
        var value = 0
        while last < bytes.count, ByteText.isDigit(bytes[last]), last - index < 5 {
            value = value * 10 + Int(bytes[last] - 0x30)
            last += 1
        }
        guard last > index, last - index <= 4 else { return nil }
        if last < bytes.count, ByteText.isAlpha(bytes[last]), !isOrdinalSuffix(bytes, last) { return nil }
        return (value, last)
    }
}
