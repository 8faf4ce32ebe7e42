/// Parses Date headers: RFC 5322 §3.3, its obsolete forms (§4.3: two-digit years, zone names,
/// comments, folding) and common breakage (asctime order, missing weekday or zone, ISO 8601).
public enum DateParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "met": 60,
        "mest": 120, "bst": 60, "eet": 120, "eest": 180, "jst": 540, "ist": 330, "wet": 0, "west": 60,
    ]

    /// Returns nil when no plausible date is found.
    public static func parse(_ value: String) -> MailDate? {
        var copy = value
        // ASCII without CR (nearly every Date header): each Character is one byte, so the same
        // rules run over bytes. Other text takes the Character path below.
        if let parsed = copy.withUTF8({ buffer -> MailDate?? in
            buffer.contains { $0 >= 0x80 || $0 == 0x0D } ? .none : .some(parseASCII(buffer))
        }) {
            return parsed
        }
        var text = HeaderComments.strip(value, newlineAsSpace: true)
        // Byte pre-checks: the Character searches walk grapheme clusters. Non-ASCII text skips
        // them (a Character such as U+037E compares equal to ";").
        let isASCII = !text.utf8.contains { $0 >= 0x80 }
        if !isASCII || text.utf8.contains(UInt8(ascii: ";")), let semicolon = text.lastIndex(of: ";") {
            text = String(text[text.index(after: semicolon)...])
        }
        if let iso = parseISO(text.trimmingBlanks()) { return iso }
        let tokens = text.split { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "," }
            .map { $0.lowercased() }
        guard tokens.count <= 64 else { return nil }
        var time: (Int, Int, Int)?
        var offset: Int?
        var month: Int?
        var numbers: [String] = []
        var unknownWord = false
        for token in tokens {
            if time == nil, token.contains(":"), let parsed = parseTime(token) {
                time = parsed
            } else if offset == nil, time != nil, let zone = parseZone(token) {
                offset = zone
            } else if month == nil, token.count >= 3, let index = months.firstIndex(of: String(token.prefix(3))) {
                month = index + 1
            } else if token.allSatisfy(\.isNumber) {
                numbers.append(token)
            } else if token.first?.isLetter == true && time == nil && !isWeekday(token) {
                unknownWord = true
            }
        }
        guard let (hour, minute, second) = time else { return nil }
        var day: Int?
        var year: Int?
        if let month {
            guard numbers.count >= 2 else { return nil }
            // "21 Nov 1997" or asctime "Nov 21 ... 1997": the 3+ digit number is the year.
            if numbers[0].count >= 3 {
                year = Int(numbers[0])
                day = Int(numbers[1])
            } else {
                day = Int(numbers[0])
                year = Int(numbers[1])
            }
            return build(year, month, day, hour, minute, second, offset)
        }
        guard !unknownWord, numbers.count >= 3 else { return nil }
        day = Int(numbers[0])
        year = Int(numbers[2])
        return build(year, Int(numbers[1]), day, hour, minute, second, offset)
    }

    /// ``parse(_:)`` for ASCII text without CR, rule for rule over bytes.
    private static func parseASCII(_ value: UnsafeBufferPointer<UInt8>) -> MailDate? {
        var bytes = HeaderComments.strip(bytes: value, newlineAsSpace: true)
        if let semicolon = bytes.lastIndex(of: UInt8(ascii: ";")) { bytes.removeSubrange(...semicolon) }
        if let iso = parseISOBytes(bytes) { return iso }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        let tokens = bytes.split {
            $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: ",")
        }
        guard tokens.count <= 64 else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }  // lower-cased above
        var time: (Int, Int, Int)?
        var offset: Int?
        var month: Int?
        var numbers: [ArraySlice<UInt8>] = []
        var unknownWord = false
        for token in tokens {
            if time == nil, token.contains(UInt8(ascii: ":")), let parsed = parseTime(token) {
                time = parsed
            } else if offset == nil, time != nil, let zone = parseZone(token) {
                offset = zone
            } else if month == nil, token.count >= 3, let index = months.firstIndex(of: text(token.prefix(3))) {
                month = index + 1
            } else if token.allSatisfy(isDigit) {
                numbers.append(token)
            } else if let first = token.first, isLetter(first), time == nil,
                !weekdays.contains(text(token.prefix(3)))
            {
                unknownWord = true
            }
        }
        guard let (hour, minute, second) = time else { return nil }
        if let month {
            guard numbers.count >= 2 else { return nil }
            // "21 Nov 1997" or asctime "Nov 21 ... 1997": the 3+ digit number is the year.
            if numbers[0].count >= 3 {
                return build(integer(numbers[0]), month, integer(numbers[1]), hour, minute, second, offset)
            }
            return build(integer(numbers[1]), month, integer(numbers[0]), hour, minute, second, offset)
        }
        guard !unknownWord, numbers.count >= 3 else { return nil }
        return build(
            integer(numbers[2]), integer(numbers[1]), integer(numbers[0]), hour, minute, second, offset)
    }

    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `Int(String)`, so signs and overflow behave as on the Character path.
    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int? { Int(text(bytes)) }

    /// The byte gate of ``parseISO(_:)`` on the trimmed text, which then runs only for candidates.
    private static func parseISOBytes(_ bytes: [UInt8]) -> MailDate? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) }), last - first + 1 >= 19,
            bytes[first + 4] == UInt8(ascii: "-"), bytes[first + 7] == UInt8(ascii: "-")
        else { return nil }
        return parseISO(text(bytes[first...last]))
    }

    private static func parseTime(_ token: ArraySlice<UInt8>) -> (Int, Int, Int)? {
        let parts = token.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.prefix { $0 != UInt8(ascii: ".") }.count <= 2 }),
            let hour = integer(parts[0]), let minute = integer(parts[1])
        else { return nil }
        let second = parts.count == 3 ? integer(parts[2].prefix { $0 != UInt8(ascii: ".") }) : 0
        guard let second else { return nil }
        return (hour, minute, second)
    }

    private static func parseZone(_ token: ArraySlice<UInt8>) -> Int? {
        if let sign = token.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let digits = token.dropFirst()
            guard digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = integer(digits)
            else { return nil }
            let minutes = value / 100 * 60 + value % 100
            return sign == UInt8(ascii: "-") ? -minutes : minutes
        }
        let letters = token.prefix { $0 >= 0x61 && $0 <= 0x7A }
        if let zone = zones[text(letters)] { return zone }
        return letters.isEmpty ? nil : 0
    }

    private static func build(
        _ year: Int?, _ month: Int?, _ day: Int?, _ hour: Int, _ minute: Int, _ second: Int, _ offset: Int?
    ) -> MailDate? {
        guard var year, let month, let day, (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }  // RFC 5322 §4.3
        guard year < 10_000 else { return nil }
        return MailDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59),
            offsetMinutes: offset ?? 0)
    }

    private static func parseTime(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.prefix { $0 != "." }.count <= 2 }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        // "07:53:55.516": fractional seconds from some MTAs are dropped.
        let second = parts.count == 3 ? Int(parts[2].prefix { $0 != "." }) : 0
        guard let second else { return nil }
        return (hour, minute, second)
    }

    private static func parseZone(_ token: String) -> Int? {
        if let sign = token.first, sign == "+" || sign == "-" {
            let digits = token.dropFirst()
            guard digits.count == 4, digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
            let minutes = value / 100 * 60 + value % 100
            return sign == "-" ? -minutes : minutes
        }
        let letters = String(token.prefix { $0.isLetter })
        if let zone = zones[letters] { return zone }
        // Military single letters and unknown names mean "no zone information" (RFC 5322 §4.3).
        return letters.isEmpty ? nil : 0
    }

    private static func isWeekday(_ token: String) -> Bool {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(token.prefix(3)))
    }

    /// "2021-02-02T09:55:06+02:00" or "2021-02-02 09:55:06": broken mailers and scripts.
    private static func parseISO(_ text: String) -> MailDate? {
        // A match has ASCII digits before each "-", so the dashes sit at bytes 4 and 7: most dates
        // fail this byte test and skip the Character array.
        let bytes = text.utf8
        guard bytes.count >= 19 else { return nil }
        if !bytes.contains(where: { $0 >= 0x80 }) {
            guard bytes[bytes.index(bytes.startIndex, offsetBy: 4)] == UInt8(ascii: "-"),
                bytes[bytes.index(bytes.startIndex, offsetBy: 7)] == UInt8(ascii: "-")
            else { return nil }
        }
        let characters = Array(text)
        guard characters.count >= 19, characters[4] == "-", characters[7] == "-",
            characters[10] == "T" || characters[10] == " ", characters[13] == ":", characters[16] == ":",
            let year = Int(String(characters[0..<4])), let month = Int(String(characters[5..<7])),
            let day = Int(String(characters[8..<10])), let hour = Int(String(characters[11..<13])),
            let minute = Int(String(characters[14..<16])), let second = Int(String(characters[17..<19]))
        else { return nil }
        var offset = 0
        let rest = String(characters[19...]).filter { $0 != ":" }
        if let sign = rest.first, sign == "+" || sign == "-", rest.count >= 5,
            let value = Int(rest.dropFirst().prefix(4))
        {
            offset = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
        }
        return build(year, month, day, hour, minute, second, offset)
    }
}
