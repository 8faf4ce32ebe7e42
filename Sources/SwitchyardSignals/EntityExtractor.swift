/// Runs the structured, validated extractors over one text and resolves overlaps, so that each
/// byte belongs to at most one entity (an IBAN is not also a phone number).
public struct EntityExtractor: Sendable {
    /// Configured order/invoice/ticket/customer patterns.
    public var references: ReferencePatterns
    /// Longest text scanned, in UTF-8 bytes; the rest of a huge body is ignored (bounded work).
    public var maximumBytes: Int
    /// Bytes before a bare digit run searched for a shipping word ("tracking", "Sendung").
    public var trackingContextWindow: Int

    public init(references: ReferencePatterns = .none, maximumBytes: Int = 65_536, trackingContextWindow: Int = 80) {
        self.references = references
        self.maximumBytes = maximumBytes
        self.trackingContextWindow = trackingContextWindow
    }

    /// Entities in `text`, ordered by start offset.
    /// - Parameters:
    ///   - reference: the message's date, for "yesterday" and dates without a year.
    ///   - language: "en" reads "03/04/2026" month first; other languages day first.
    public func extract(
        from text: String, reference: CivilDate? = nil, language: String? = nil, field: String = "body"
    ) -> [Entity] {
        let bytes = ByteText.prefix(text, limit: maximumBytes)
        let scanned = bytes.count == text.utf8.count ? text : String(decoding: bytes, as: UTF8.self)
        // Priority order: earlier kinds win overlaps.
        var accepted: [Entity] = []
        var candidates: [Entity] = []
        let address = AddressScanner()
        func take() {
            for candidate in candidates
            where !accepted.contains(where: { $0.start < candidate.end && candidate.start < $0.end }) {
                accepted.append(candidate)
            }
            candidates.removeAll(keepingCapacity: true)
        }
        address.scanEmails(bytes, into: &candidates)
        take()
        address.scanURLs(bytes, into: &candidates)
        take()
        let accounts = AccountScanner()
        accounts.scanIBANs(bytes, into: &candidates)
        take()
        accounts.scanCards(bytes, into: &candidates)
        take()
        TrackingScanner(contextWindow: trackingContextWindow).scan(bytes, into: &candidates)
        take()
        references.scan(scanned, bytes, into: &candidates)
        take()
        let words = ByteText.letterWords(bytes)
        DateScanner(reference: reference, monthFirst: language == "en").scan(bytes, words: words, into: &candidates)
        take()
        AmountScanner().scan(bytes, into: &candidates)
        take()
        PhoneScanner().scan(bytes, into: &candidates)
        take()
        if field != "body" {
            for index in accepted.indices { accepted[index].field = field }
        }
        return accepted.sorted { $0.start < $1.start }
    }
}
