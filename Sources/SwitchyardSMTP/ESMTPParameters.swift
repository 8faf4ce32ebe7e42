/// `MAIL FROM` parameters we honour: SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531),
/// RET and ENVID (RFC 3461).
public struct MailParameters: Sendable, Equatable {
    public var size: Int?
    public var body: String?
    public var smtpUTF8: Bool = false
    public var dsnReturn: String?
    public var dsnEnvelopeID: String?

    public init(
        size: Int? = nil, body: String? = nil, smtpUTF8: Bool = false, dsnReturn: String? = nil,
        dsnEnvelopeID: String? = nil
    ) {
        self.size = size
        self.body = body
        self.smtpUTF8 = smtpUTF8
        self.dsnReturn = dsnReturn
        self.dsnEnvelopeID = dsnEnvelopeID
    }
}

/// `RCPT TO` parameters we honour: NOTIFY and ORCPT (RFC 3461).
public struct RecipientParameters: Sendable, Equatable {
    public var notify: [String] = []
    public var originalRecipient: String?

    public init(notify: [String] = [], originalRecipient: String? = nil) {
        self.notify = notify
        self.originalRecipient = originalRecipient
    }
}

/// Splits `KEY[=VALUE]` words after a path and validates each against what we advertise.
enum ESMTPParameterParser {
    /// (keyword upper-cased, raw value) pairs; keywords are esmtp-keyword (RFC 5321 §4.1.2).
    static func split(_ text: Substring) throws(SMTPReply) -> [(String, String?)] {
        var out: [(String, String?)] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let pieces = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let keyword = pieces[0].uppercased()
            guard !keyword.isEmpty, keyword.utf8.allSatisfy({ PathScanner.isLetDig($0) || $0 == UInt8(ascii: "-") })
            else { throw SMTPReply(501, "5.5.4", "Error: bad parameter syntax") }
            if out.contains(where: { $0.0 == keyword }) {
                throw SMTPReply(501, "5.5.4", "Error: duplicate parameter \(keyword)")
            }
            out.append((keyword, pieces.count == 2 ? String(pieces[1]) : nil))
        }
        return out
    }

    static func mail(_ text: Substring) throws(SMTPReply) -> MailParameters {
        var result = MailParameters()
        for (keyword, value) in try split(text) {
            switch (keyword, value) {
            case ("SIZE", let value?):
                guard value.utf8.count <= 18, let size = Int(value), size >= 0 else { throw badValue(keyword) }
                result.size = size
            case ("BODY", let value?):
                let upper = value.uppercased()
                guard upper == "7BIT" || upper == "8BITMIME" else {
                    throw SMTPReply(555, "5.5.4", "Error: BODY=\(value) not supported")
                }
                result.body = upper
            case ("SMTPUTF8", nil):
                result.smtpUTF8 = true
            case ("RET", let value?):
                let upper = value.uppercased()
                guard upper == "FULL" || upper == "HDRS" else { throw badValue(keyword) }
                result.dsnReturn = upper
            case ("ENVID", let value?):
                guard let decoded = XText.decode(value), decoded.utf8.count <= 100 else { throw badValue(keyword) }
                result.dsnEnvelopeID = decoded
            case ("AUTH", _?):
                // RFC 4954 §5: a server without AUTH may ignore an AUTH= parameter sent by a relaying MTA.
                continue
            default:
                throw SMTPReply(555, "5.5.4", "Error: unsupported parameter \(keyword)")
            }
        }
        return result
    }

    static func recipient(_ text: Substring) throws(SMTPReply) -> RecipientParameters {
        var result = RecipientParameters()
        for (keyword, value) in try split(text) {
            switch (keyword, value) {
            case ("NOTIFY", let value?):
                let items = value.uppercased().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let allowed: Set<String> = ["SUCCESS", "FAILURE", "DELAY"]
                let valid = items == ["NEVER"] || (!items.isEmpty && items.allSatisfy { allowed.contains($0) })
                guard valid, Set(items).count == items.count else { throw badValue(keyword) }
                result.notify = items
            case ("ORCPT", let value?):
                guard let semicolon = value.firstIndex(of: ";") else { throw badValue(keyword) }
                let addressType = value[..<semicolon]
                guard !addressType.isEmpty, let decoded = XText.decode(value[value.index(after: semicolon)...]),
                    !decoded.isEmpty
                else { throw badValue(keyword) }
                result.originalRecipient = "\(addressType);\(decoded)"
            default:
                throw SMTPReply(555, "5.5.4", "Error: unsupported parameter \(keyword)")
            }
        }
        return result
    }

    private static func badValue(_ keyword: String) -> SMTPReply {
        SMTPReply(501, "5.5.4", "Error: bad \(keyword) parameter value")
    }
}

/// RFC 3461 §4 xtext: printable ASCII except "+" and "=", with "+XX" hex escapes.
public enum XText {
    /// The decoded text, or nil when the value is not valid xtext or not valid UTF-8.
    public static func decode<S: StringProtocol>(_ text: S) -> String? {
        var out: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                out.append(high << 4 | low)
            } else {
                guard (33...126).contains(byte), byte != UInt8(ascii: "=") else { return nil }
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension SMTPReply: Error {}
