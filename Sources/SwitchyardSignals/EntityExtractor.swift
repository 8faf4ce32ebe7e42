/// Runs the structured, validated extractors over one text and resolves overlaps, so that each
/// byte belongs to at most one entity (an IBAN is not also a phone number).
public struct EntityExtractor: Sendable {
    /// Configured order/invoice/ticket/customer patterns.
    public var references: ReferencePatterns
    /// Longest text scanned, in UTF-8 bytes; the rest of a huge body is ignored (bounded work).
    public var maximumBytes: Int
    /// Bytes before a bare digit run searched for a shipping word ("tracking", "Sendung").
    public var trackingContextWindow: Int
    /// Bytes before an ungrouped card-shaped number that fails Luhn searched for a card word ("card",
    /// "Karte"): with one it is reported as a card with `valid` false (a mistyped card), without it is ignored.
    public var cardContextWindow: Int

    public init(
        references: ReferencePatterns = .none, maximumBytes: Int = 65_536, trackingContextWindow: Int = 80,
        cardContextWindow: Int = 24
    ) {
        self.references = references
        self.maximumBytes = maximumBytes
        self.trackingContextWindow = trackingContextWindow
        self.cardContextWindow = cardContextWindow
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
        let at = bytes.withUnsafeBufferPointer { EntityCandidates($0) }
        // Priority order: earlier kinds win overlaps. `accepted` stays sorted by start and its spans
        // are disjoint, so a candidate only needs comparing with its two neighbours.
        var accepted: [Entity] = []
        var candidates: [Entity] = []
        func take() {
            for candidate in candidates {
                var low = 0
                var high = accepted.count
                while low < high {
                    let middle = (low + high) / 2
                    if accepted[middle].start <= candidate.start { low = middle + 1 } else { high = middle }
                }
                if low > 0, accepted[low - 1].start < candidate.end, candidate.start < accepted[low - 1].end {
                    continue
                }
                if low < accepted.count, accepted[low].start < candidate.end, candidate.start < accepted[low].end {
                    continue
                }
                accepted.insert(candidate, at: low)
            }
            candidates.removeAll(keepingCapacity: true)
        }
        let address = AddressScanner()
        address.scanEmails(bytes, ats: at.ats, into: &candidates)
        take()
        address.scanURLs(bytes, starts: at.links, into: &candidates)
        take()
        let accounts = AccountScanner(contextWindow: cardContextWindow)
        accounts.scanIBANs(bytes, starts: at.ibans, into: &candidates)
        take()
        accounts.scanCards(bytes, starts: at.numbers, into: &candidates)
        take()
        TrackingScanner(contextWindow: trackingContextWindow).scan(bytes, tokens: at.carrierTokens, into: &candidates)
        take()
        references.scan(scanned, bytes, into: &candidates)
        take()
        DateScanner(reference: reference, monthFirst: language == "en").scan(
            bytes, numbers: at.numbers, words: at.dateWords, into: &candidates)
        take()
        AmountScanner().scan(bytes, starts: at.numbers, into: &candidates)
        take()
        PhoneScanner().scan(bytes, starts: Self.merged(at.numbers, at.phoneSigns), into: &candidates)
        take()
        if field != "body" {
            for index in accepted.indices { accepted[index].field = field }
        }
        return accepted
    }

    /// Two ascending position lists as one.
    static func merged(_ a: [Int], _ b: [Int]) -> [Int] {
        guard !b.isEmpty else { return a }
        var out: [Int] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        return out
    }
}
