/// Finds telephone numbers: international ("+49 30 1234567", "0049 ...", "+1 (555) 123-4567"),
/// German national ("030 1234567", "0170/1234567") and US national ("(555) 123-4567").
/// The value is E.164 where the country is known ("+49301234567").
struct PhoneScanner {
    /// Words that make a bare digit run a phone number ("Tel. 0301234567").
    static let contextWords: [[UInt8]] = ["tel", "phone", "telefon", "fon", "mobil", "handy", "call", "fax", "ruf"].map
    {
        Array($0.utf8)
    }

    /// - Parameter starts: digits at a word start and every '+' and '(', ascending.
    func scan(_ bytes: [UInt8], starts: [Int], into found: inout [Entity]) {
        let count = bytes.count
        var index = 0
        for start in starts where start >= index {
            index = start
            let b = bytes[index]
            let opens = b == 0x2B || b == 0x28 || ByteText.isDigit(b)
            guard opens, ByteText.boundaryBefore(bytes, index), index == 0 || !Self.isGlue(bytes[index - 1]),
                b != 0x2B || (index + 1 < count && ByteText.isDigit(bytes[index + 1]))
            else {
                index += 1
                continue
            }
            var digits: [UInt8] = []
            var separators = 0
            var end = index
            var scan = index
            var previousWasSeparator = true
            while scan < count, digits.count <= 15 {
                let c = bytes[scan]
                if ByteText.isDigit(c) {
                    digits.append(c - 0x30)
                    previousWasSeparator = false
                    scan += 1
                    end = scan
                } else if c == 0x2B, scan == index {
                    scan += 1
                } else if c == 0x28, scan + 3 < count, bytes[scan + 1] == 0x30, bytes[scan + 2] == 0x29, !digits.isEmpty
                {
                    // "+49 (0)30 ...": the trunk zero is not dialled from abroad, so it is not a digit.
                    separators += 1
                    scan += 3
                } else if c == 0x20 || c == 0x2D || c == 0x2F || c == 0x2E || c == 0x28 || c == 0x29,
                    !previousWasSeparator
                        || c == 0x28 || (c == 0x20 && scan > 0 && bytes[scan - 1] == 0x29)
                {
                    separators += 1
                    previousWasSeparator = true
                    scan += 1
                } else {
                    break
                }
            }
            defer { index = max(end, index + 1) }
            guard ByteText.boundaryAfter(bytes, end),
                end >= count || !Self.isGlue(bytes[end]) || !Self.digitAt(bytes, end + 1)
            else { continue }
            let hasContext = separators > 0 || Self.hasContext(bytes, before: index)
            guard let value = Self.e164(bytes[index], digits, hasContext: hasContext)
            else { continue }
            found.append(
                Entity(type: .phone, text: ByteText.string(bytes, index, end), start: index, end: end, value: value))
        }
    }

    private static func isGlue(_ b: UInt8) -> Bool { b == 0x2E || b == 0x2C || b == 0x2F || b == 0x2D || b == 0x3A }
    private static func digitAt(_ bytes: [UInt8], _ index: Int) -> Bool {
        index < bytes.count && ByteText.isDigit(bytes[index])
    }

    /// E.164 form of a candidate, or nil when its digits fit no numbering plan we accept.
    static func e164(_ first: UInt8, _ digits: [UInt8], hasContext: Bool) -> String? {
        func join(_ d: ArraySlice<UInt8>) -> String { String(decoding: d.map { $0 + 0x30 }, as: UTF8.self) }
        if first == 0x2B || (digits.count > 2 && digits[0] == 0 && digits[1] == 0 && digits[2] != 0) {
            let national = first == 0x2B ? digits[...] : digits.dropFirst(2)
            guard (8...15).contains(national.count), national.first != 0 else { return nil }
            return "+" + join(national)
        }
        guard hasContext else { return nil }
        if digits.first == 0, digits.count > 1, digits[1] != 0, (7...12).contains(digits.count) {
            return "+49" + join(digits.dropFirst())
        }
        var us = digits[...]
        if us.count == 11, us.first == 1 { us = us.dropFirst() }
        guard us.count == 10, let area = us.first, area >= 2, us[us.startIndex + 3] >= 2 else { return nil }
        return "+1" + join(us)
    }

    /// A phone word starting a word within the 24 bytes before `index` ("Tel.", not "Bestellung").
    private static func hasContext(_ bytes: [UInt8], before index: Int) -> Bool {
        ByteText.containsWordStart(contextWords, in: bytes, max(0, index - 24)..<index)
    }
}
