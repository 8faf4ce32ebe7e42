/// Check-digit algorithms of the structured identifiers (ISO 13616, ISO/IEC 7812, carriers).
enum Checksums {
    /// ISO 7064 mod 97-10 over an IBAN's characters (no spaces): valid when the remainder is 1.
    static func ibanIsValid(_ chars: [UInt8]) -> Bool {
        guard chars.count >= 5 else { return false }
        let rearranged = chars[4...] + chars[..<4]
        var remainder = 0
        for c in rearranged {
            if ByteText.isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else if ByteText.isUpper(c) {
                remainder = (remainder * 100 + Int(c - 0x41 + 10)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// Luhn (ISO/IEC 7812-1) over digit values.
    static func luhnIsValid(_ digits: [UInt8]) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// Weighted mod-10 check digit: weights cycle over the payload from its right end.
    static func mod10CheckDigit(_ payload: ArraySlice<UInt8>, weights: [Int]) -> Int {
        var sum = 0
        for (position, digit) in payload.reversed().enumerated() {
            sum += Int(digit) * weights[position % weights.count]
        }
        return (10 - sum % 10) % 10
    }
}
