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
