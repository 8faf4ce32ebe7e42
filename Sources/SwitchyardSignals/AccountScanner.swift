/// Finds IBANs (country length table + mod-97) and payment card numbers (Luhn + length + issuer).
struct AccountScanner {
    /// Bytes before an ungrouped, Luhn-failing card-shaped number searched for a card word.
    var contextWindow: Int = 24

    /// IBAN lengths of SEPA and neighbouring countries (ISO 13616 registry).
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
        "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
        "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
        "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26, "UA": 29, "VA": 22,
    ]

    /// - Parameter starts: two capitals and two digits at a word start (`EntityCandidates.ibans`), ascending.
    func scanIBANs(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        let count = bytes.count
        var index = 0
        for start in starts where start >= index {
            index = start
            guard index + 4 <= count, ByteText.isUpper(bytes[index]), ByteText.isUpper(bytes[index + 1]),
                ByteText.isDigit(bytes[index + 2]), ByteText.isDigit(bytes[index + 3]),
                ByteText.boundaryBefore(bytes, index),
                let length = Self.ibanLengths[String(decoding: bytes[index..<index + 2], as: UTF8.self)]
            else {
                index += 1
                continue
            }
            var chars: [UInt8] = []
            var end = index
            while end < count, chars.count < length {
                let b = bytes[end]
                if ByteText.isDigit(b) || ByteText.isUpper(b) {
                    chars.append(b)
                    end += 1
                } else if b == 0x20, end + 1 < count, ByteText.isAlnum(bytes[end + 1]), chars.count % 4 == 0 {
                    end += 1  // the printed form groups by four
                } else {
                    break
                }
            }
            guard chars.count == length, ByteText.boundaryAfter(bytes, end) else {
                index += 1
                continue
            }
            found.append(
                Entity(
                    type: .iban, text: ByteText.string(bytes, index, end), start: index, end: end,
                    valid: Checksums.ibanIsValid(chars), value: String(decoding: chars, as: UTF8.self)))
            index = end
        }
    }

    /// - Parameter starts: digits at a word start (`EntityCandidates.numbers`), ascending.
    func scanCards(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        let count = bytes.count
        var index = 0
        for start in starts where start >= index {
            index = start
            guard ByteText.isDigit(bytes[index]), ByteText.boundaryBefore(bytes, index),
                index == 0 || !Self.isNumberGlue(bytes[index - 1])
            else {
                index += 1
                continue
            }
            var digits: [UInt8] = []
            var end = index
            var scan = index
            while scan < count, digits.count <= 19 {
                let b = bytes[scan]
                if ByteText.isDigit(b) {
                    digits.append(b - 0x30)
                    scan += 1
                    end = scan
                } else if b == 0x20 || b == 0x2D, scan + 1 < count, ByteText.isDigit(bytes[scan + 1]) {
                    scan += 1
                } else {
                    break
                }
            }
            defer { index = max(end, index + 1) }
            guard digits.count >= 12, digits.count <= 19, ByteText.boundaryAfter(bytes, end),
                end >= count || !Self.isNumberGlue(bytes[end]) || !Self.digitFollows(bytes, end),
                let issuer = Self.issuer(digits)
            else { continue }
            // A Luhn failure is a mistyped card only when it is printed like one; other numbers
            // with an issuer prefix (orders, invoices) are left alone.
            let valid = Checksums.luhnIsValid(digits)
            guard valid || printedAsCard(bytes, index, end, digits: digits.count) else { continue }
            found.append(
                Entity(
                    type: .paymentCard, text: ByteText.string(bytes, index, end), start: index, end: end, valid: valid,
                    value: String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self), kind: issuer))
        }
    }

    /// 16 digits grouped 4-4-4-4 by one kind of separator, or 13-19 digits in one run after a
    /// card word ("card", "Karte", "Visa") within `contextWindow` bytes.
    private func printedAsCard(_ bytes: [UInt8], _ start: Int, _ end: Int, digits: Int) -> Bool {
        if digits == 16, end - start == 19 {
            let separator = bytes[start + 4]
            return (separator == 0x20 || separator == 0x2D) && bytes[start + 9] == separator
                && bytes[start + 14] == separator
        }
        guard end - start == digits, (13...19).contains(digits) else { return false }
        return ByteText.containsWordStart(Self.cardWords, in: bytes, max(0, start - contextWindow)..<start)
    }

    static let cardWords: [[UInt8]] = [
        "card", "karte", "kreditkarte", "credit", "visa", "mastercard", "amex",
    ].map { Array($0.utf8) }

    private static func isNumberGlue(_ b: UInt8) -> Bool { b == 0x2E || b == 0x2C || b == 0x2B || b == 0x2F }

    private static func digitFollows(_ bytes: [UInt8], _ index: Int) -> Bool {
        index + 1 < bytes.count && ByteText.isDigit(bytes[index + 1])
    }

    /// The card scheme for a number's prefix and length, or nil when no scheme issues such numbers.
    static func issuer(_ digits: [UInt8]) -> String? {
        func prefix(_ n: Int) -> Int { digits.prefix(n).reduce(0) { $0 * 10 + Int($1) } }
        let length = digits.count
        switch true {
        case digits.first == 4 && [13, 16, 19].contains(length): return "visa"
        case (51...55).contains(prefix(2)) && length == 16: return "mastercard"
        case (2221...2720).contains(prefix(4)) && length == 16: return "mastercard"
        case [34, 37].contains(prefix(2)) && length == 15: return "amex"
        case (prefix(4) == 6011 || (644...649).contains(prefix(3)) || prefix(2) == 65) && (16...19).contains(length):
            return "discover"
        case (3528...3589).contains(prefix(4)) && (16...19).contains(length): return "jcb"
        case ((300...305).contains(prefix(3)) || [36, 38].contains(prefix(2))) && (14...16).contains(length):
            return "diners"
        case prefix(2) == 62 && (16...19).contains(length): return "unionpay"
        case [50, 56, 57, 58, 63, 67].contains(prefix(2)) && (12...19).contains(length): return "maestro"
        default: return nil
        }
    }
}
