/// Finds parcel tracking numbers of UPS, USPS, DHL, FedEx and UPU S10 postal items.
/// DHL Paket "JJD..." numbers are not taken: no check-digit rule for them is published.
///
/// Self-describing forms (UPS "1Z...", S10 "RR123456785DE", USPS 9x... 20-22 digits) are taken
/// anywhere and flagged by their check digit. Bare digit forms (DHL 10/12/20, FedEx 12/15/22) collide
/// with order numbers, so they are taken only after a shipping word and only when a check passes.
struct TrackingScanner {
    /// Bytes before a bare digit run that are searched for a shipping word.
    var contextWindow: Int = 80

    static let contextWords: [[UInt8]] = [
        "track", "sendung", "paket", "parcel", "package", "shipment", "dhl", "fedex", "ups", "usps",
        "lieferung", "versand", "delivery",
    ].map { Array($0.utf8) }

    /// - Parameter tokens: maximal ASCII letter/digit runs of a carrier length
    ///   (`EntityCandidates.carrierTokens`), ascending; runs of other lengths never match.
    func scan(_ bytes: [UInt8], tokens: [WordSpan], into found: inout [Entity]) {
        for token in tokens where ByteText.boundaryBefore(bytes, token.start) {
            if ByteText.boundaryAfter(bytes, token.end), let entity = classify(bytes, token.start, token.end) {
                found.append(entity)
            }
        }
    }

    private func classify(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Entity? {
        // Every form starts with a digit except S10 (13 characters, two capitals first): ordinary
        // long words are turned away before anything is copied.
        guard ByteText.isDigit(bytes[start]) || (end - start == 13 && ByteText.isUpper(bytes[start])) else {
            return nil
        }
        let token = Array(bytes[start..<end])
        let text = String(decoding: token, as: UTF8.self)
        func entity(_ carrier: String, _ valid: Bool) -> Entity {
            Entity(type: .trackingNumber, text: text, start: start, end: end, valid: valid, value: text, kind: carrier)
        }
        if token.count == 18, token[0] == 0x31, token[1] == 0x5A {
            guard token[2...].allSatisfy({ ByteText.isDigit($0) || ByteText.isUpper($0) }) else { return nil }
            return entity("ups", Self.upsIsValid(token))
        }
        if token.count == 13, token[0..<2].allSatisfy(ByteText.isUpper), token[11...].allSatisfy(ByteText.isUpper),
            token[2..<11].allSatisfy(ByteText.isDigit)
        {
            return entity("postal-s10", Self.s10IsValid(token))
        }
        guard token.allSatisfy(ByteText.isDigit) else { return nil }
        let digits = token.map { $0 - 0x30 }
        if (20...22).contains(digits.count), digits[0] == 9, (1...5).contains(digits[1]) {
            let valid = Checksums.mod10CheckDigit(digits.dropLast(), weights: [3, 1]) == Int(digits[digits.count - 1])
            return entity("usps", valid)
        }
        guard [10, 12, 15, 20, 22].contains(digits.count), hasShippingContext(bytes, before: start) else { return nil }
        let check = Int(digits[digits.count - 1])
        switch digits.count {
        case 10:
            // DHL Express waybill: the first nine digits mod 7 (github.com/jkeen/tracking_number_data,
            // couriers/dhl.json, "DHL Express", checksum "mod7").
            let payload = digits.dropLast().reduce(0) { $0 * 10 + Int($1) }
            return payload % 7 == check ? entity("dhl", true) : nil
        case 12:
            if Checksums.mod10CheckDigit(digits.dropLast(), weights: [4, 9]) == check { return entity("dhl", true) }
            // FedEx Express (tracking_number_data, couriers/fedex.json, "FedEx Express (12)": weightings
            // 3, 1, 7, ... from the left of the 11-digit serial, modulo 11 then modulo 10).
            return Self.fedExExpressIsValid(digits) ? entity("fedex", true) : nil
        case 15:
            return Self.fedExGroundIsValid(digits[...]) ? entity("fedex", true) : nil
        case 22:
            // FedEx Ground "96" barcode: the tracking number is its last 15 digits.
            guard digits[0] == 9, digits[1] == 6 else { return nil }
            return Self.fedExGroundIsValid(digits[7...]) ? entity("fedex", true) : nil
        default:
            guard digits[0] == 0, digits[1] == 0 else { return nil }
            return Checksums.mod10CheckDigit(digits.dropLast(), weights: [3, 1]) == check ? entity("dhl", true) : nil
        }
    }

    /// FedEx Express 12 digits: weights 1, 3, 7 repeating from the rightmost payload digit, sum
    /// mod 11, and a remainder of 10 written as 0.
    static func fedExExpressIsValid(_ digits: [UInt8]) -> Bool {
        guard digits.count == 12 else { return false }
        var sum = 0
        for (position, digit) in digits.dropLast().reversed().enumerated() {
            sum += Int(digit) * [1, 3, 7][position % 3]
        }
        return sum % 11 % 10 == Int(digits[11])
    }

    /// FedEx Ground 15 digits: weights 3 and 1 alternating from the rightmost payload digit,
    /// check = (10 - sum mod 10) mod 10 (tracking_number_data, couriers/fedex.json, "FedEx Ground" and
    /// "FedEx Ground 96 (22)": mod10, multipliers 1 and 3 from the left of the 14-digit serial).
    static func fedExGroundIsValid(_ digits: ArraySlice<UInt8>) -> Bool {
        guard digits.count == 15, let last = digits.last else { return false }
        return Checksums.mod10CheckDigit(digits.dropLast(), weights: [3, 1]) == Int(last)
    }

    private func hasShippingContext(_ bytes: [UInt8], before start: Int) -> Bool {
        ByteText.containsWordStart(Self.contextWords, in: bytes, max(0, start - contextWindow)..<start)
    }

    /// UPS: letters map to (index + 2) mod 10, odd positions weigh 1 and even 2 over characters 3-17.
    static func upsIsValid(_ token: [UInt8]) -> Bool {
        var sum = 0
        for (position, c) in token[2..<17].enumerated() {
            let value = ByteText.isDigit(c) ? Int(c - 0x30) : (Int(c - 0x41) + 2) % 10
            sum += position % 2 == 1 ? value * 2 : value
        }
        return (10 - sum % 10) % 10 == Int(token[17] &- 0x30)
    }

    /// UPU S10: weights 8 6 4 2 3 5 9 7 over the serial, 11 - sum mod 11 (10 -> 0, 11 -> 5).
    static func s10IsValid(_ token: [UInt8]) -> Bool {
        let weights = [8, 6, 4, 2, 3, 5, 9, 7]
        var sum = 0
        for position in 0..<8 { sum += Int(token[2 + position] - 0x30) * weights[position] }
        var check = 11 - sum % 11
        if check == 10 { check = 0 }
        if check == 11 { check = 5 }
        return check == Int(token[10] - 0x30)
    }
}
