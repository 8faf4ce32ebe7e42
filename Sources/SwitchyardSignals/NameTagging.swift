internal import SwitchyardText

/// Runs the learned tagger over tokenizer output: sentences split at . ! ? and line breaks, names
/// returned as entities with the byte span of their first to last token.
struct NameTagging {
    let tagger: EntityTagger
    let maximumTokens: Int
    /// `tagger.types` as entity types.
    let entityTypes: [EntityType?]

    init(tagger: EntityTagger, maximumTokens: Int) {
        self.tagger = tagger
        self.maximumTokens = maximumTokens
        entityTypes = tagger.types.map(EntityTagger.entityType)
    }

    /// Names among `tokens`, whose offsets are into `bytes` (one field's text).
    func entities(_ all: [Token], _ bytes: [UInt8], field: String) -> [Entity] {
        let tokens = all.prefix(maximumTokens)
        var found: [Entity] = []
        var sentence: [Token] = []
        func flush() {
            guard !sentence.isEmpty else { return }
            let views = sentence.map { token in
                TaggerToken(original: bytes[token.utf8Range], lower: token.kind.placeholder ?? token.text)
            }
            for span in tagger.spans(indices: tagger.tagIndices(views)) {
                guard let type = entityTypes[span.type] else { continue }
                let start = sentence[span.range.lowerBound].utf8Range.lowerBound
                let end = sentence[span.range.upperBound - 1].utf8Range.upperBound
                found.append(
                    Entity(type: type, text: ByteText.string(bytes, start, end), start: start, end: end, field: field))
            }
            sentence.removeAll(keepingCapacity: true)
        }
        var previousEnd = 0
        for token in tokens {
            if token.utf8Range.lowerBound > previousEnd, bytes[previousEnd..<token.utf8Range.lowerBound].contains(0x0A)
            {
                flush()
            }
            sentence.append(token)
            previousEnd = token.utf8Range.upperBound
            if token.kind == .punctuation, token.text == "." || token.text == "!" || token.text == "?" { flush() }
        }
        flush()
        return found
    }
}
