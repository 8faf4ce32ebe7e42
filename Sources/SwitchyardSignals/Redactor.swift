/// Masks personal data in text the gateway stores or logs: payment cards keep their last four
/// digits, IBANs their country code and last four characters, and, when configured, e-mail
/// addresses and phone numbers are masked too. Masking replaces ASCII letters and digits one for
/// one, so offsets and separators stay where they were.
public struct Redactor: Sendable {
    /// What to mask.
    public struct Configuration: Codable, Sendable, Equatable {
        public var maskEmails: Bool = false
        public var maskPhones: Bool = false
        /// Card digits left visible at the end.
        public var cardDigitsKept: Int = 4
        /// IBAN characters left visible at the end (the country code is always kept).
        public var ibanCharactersKept: Int = 4
        /// Phone digits left visible at the end.
        public var phoneDigitsKept: Int = 2
        /// The replacement character (ASCII).
        public var maskCharacter: String = "*"

        public init(maskEmails: Bool = false, maskPhones: Bool = false) {
            self.maskEmails = maskEmails
            self.maskPhones = maskPhones
        }

        /// Every key is optional in a configuration file: a missing key keeps its default.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Configuration()
            maskEmails = try c.decodeIfPresent(Bool.self, forKey: .maskEmails) ?? d.maskEmails
            maskPhones = try c.decodeIfPresent(Bool.self, forKey: .maskPhones) ?? d.maskPhones
            cardDigitsKept = try c.decodeIfPresent(Int.self, forKey: .cardDigitsKept) ?? d.cardDigitsKept
            ibanCharactersKept = try c.decodeIfPresent(Int.self, forKey: .ibanCharactersKept) ?? d.ibanCharactersKept
            phoneDigitsKept = try c.decodeIfPresent(Int.self, forKey: .phoneDigitsKept) ?? d.phoneDigitsKept
            maskCharacter = try c.decodeIfPresent(String.self, forKey: .maskCharacter) ?? d.maskCharacter
        }
    }

    public var configuration: Configuration
    public var extractor: EntityExtractor

    public init(configuration: Configuration = Configuration(), extractor: EntityExtractor = EntityExtractor()) {
        self.configuration = configuration
        self.extractor = extractor
    }

    /// `text` with the configured kinds of personal data masked.
    public func redact(_ text: String) -> String {
        redact(text, entities: extractor.extract(from: text))
    }

    /// Masks using entities already found in `text` (offsets must refer to `text`).
    public func redact(_ text: String, entities: [Entity]) -> String {
        var bytes = Array(text.utf8)
        let mask = configuration.maskCharacter.utf8.first.flatMap { $0 < 0x80 ? $0 : nil } ?? 0x2A
        for entity in entities where entity.start >= 0 && entity.end <= bytes.count && entity.start < entity.end {
            switch entity.type {
            case .paymentCard:
                // Also a Luhn failure printed like a card (valid false): most are a customer's card
                // with one digit mistyped, which must not be stored in clear either.
                maskTail(
                    &bytes, entity.start..<entity.end, keep: configuration.cardDigitsKept, mask: mask, ByteText.isDigit)
            case .iban:
                maskTail(
                    &bytes, (entity.start + 2)..<entity.end, keep: configuration.ibanCharactersKept, mask: mask,
                    ByteText.isAlnum)
            case .phone where configuration.maskPhones:
                maskTail(
                    &bytes, entity.start..<entity.end, keep: configuration.phoneDigitsKept, mask: mask, ByteText.isDigit
                )
            case .email where configuration.maskEmails:
                // Keep the first character of the local part and the domain: enough to recognise, not to contact.
                guard let at = bytes[entity.start..<entity.end].firstIndex(of: 0x40) else { continue }
                maskTail(&bytes, (entity.start + 1)..<at, keep: 0, mask: mask) { $0 != 0x2E }
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces the matching bytes of `range` with `mask`, except the last `keep` of them.
    private func maskTail(
        _ bytes: inout [UInt8], _ range: Range<Int>, keep: Int, mask: UInt8, _ matches: (UInt8) -> Bool
    ) {
        guard !range.isEmpty else { return }
        var visible = max(0, keep)
        for index in range.reversed() where matches(bytes[index]) && bytes[index] < 0x80 {
            if visible > 0 {
                visible -= 1
            } else {
                bytes[index] = mask
            }
        }
    }
}
