/// Turns a subject and body into feature occurrences of a `FeatureSpace`: hashed word n-grams and
/// character n-grams with their raw (subject-weighted) counts. Pure; the tokenizer is the only
/// dependency.
public struct FeatureExtractor: Sendable {
    public let space: FeatureSpace
    public let tokenizer: Tokenizer

    public init(space: FeatureSpace) {
        self.space = space
        self.tokenizer = Tokenizer(configuration: space.tokenizer)
    }

    /// Raw counts of every feature in the text, in order of first occurrence.
    public func counts(subject: String, body: String) -> FeatureCounts {
        var counts = FeatureCounts()
        var slots: [UInt64: Int] = [:]
        forEachOccurrence(subject: subject, body: body, named: false) { key, block, weight, _ in
            if let slot = slots[key] {
                counts.counts[slot] += weight
            } else {
                slots[key] = counts.keys.count
                counts.keys.append(key)
                counts.blocks.append(block)
                counts.counts.append(weight)
            }
        }
        return counts
    }

    /// Human-readable names of the features of a text, by key (for explanations).
    public func names(subject: String, body: String) -> [UInt64: FeatureName] {
        var names: [UInt64: FeatureName] = [:]
        forEachOccurrence(subject: subject, body: body, named: true) { key, block, _, name in
            if names[key] == nil, let name { names[key] = FeatureName(block: block, text: name) }
        }
        return names
    }

    /// Calls `emit(key, block, weight, name)` for each feature occurrence; `name` only when
    /// `named` is true (building names costs allocations the scoring path does not need).
    public func forEachOccurrence(
        subject: String, body: String, named: Bool,
        _ emit: (UInt64, FeatureBlock, Float, String?) -> Void
    ) {
        var scratch: [UInt8] = []
        var starts: [Int] = []
        for (text, weight) in [(subject, Float(space.subjectWeight)), (body, Float(1))] where !text.isEmpty {
            let tokens = tokenizer.tokens(in: text).filter { $0.kind.isWordLike }
            emitWordNgrams(tokens, weight, named, emit)
            for token in tokens where token.kind == .word {
                emitCharNgrams(token.text, weight, named, &scratch, &starts, emit)
            }
        }
    }

    private func emitWordNgrams(
        _ tokens: [Token], _ weight: Float, _ named: Bool, _ emit: (UInt64, FeatureBlock, Float, String?) -> Void
    ) {
        let ns = FeatureBlock.word.namespace
        for n in space.wordNgrams where n >= 1 && tokens.count >= n {
            for start in 0...(tokens.count - n) {
                var hash = FeatureHash(namespace: ns)
                for k in start..<(start + n) {
                    if k > start { hash.feed(0x20) }
                    for b in tokens[k].text.utf8 { hash.feed(b) }
                }
                let name = named ? tokens[start..<(start + n)].map(\.text).joined(separator: " ") : nil
                emit(hash.value, .word, weight, name)
            }
        }
    }

    private func emitCharNgrams(
        _ word: String, _ weight: Float, _ named: Bool, _ scratch: inout [UInt8], _ starts: inout [Int],
        _ emit: (UInt64, FeatureBlock, Float, String?) -> Void
    ) {
        let range = space.charNgrams
        guard range.lowerBound >= 1 else { return }
        scratch.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        scratch.append(0x20)
        scratch.append(contentsOf: word.utf8)
        scratch.append(0x20)
        for (offset, b) in scratch.enumerated() where b & 0xC0 != 0x80 { starts.append(offset) }
        starts.append(scratch.count)
        let scalarCount = starts.count - 1
        let ns = FeatureBlock.character.namespace
        scratch.withUnsafeBufferPointer { bytes in
            for first in 0..<scalarCount {
                var hash = FeatureHash(namespace: ns)
                var n = 0
                var next = first
                while n < range.upperBound, next < scalarCount {
                    hash.feed(UnsafeBufferPointer(rebasing: bytes[starts[next]..<starts[next + 1]]))
                    n += 1
                    next += 1
                    if n >= range.lowerBound {
                        let name =
                            named
                            ? String(
                                decoding: UnsafeBufferPointer(rebasing: bytes[starts[first]..<starts[next]]),
                                as: UTF8.self)
                            : nil
                        emit(hash.value, .character, weight, name)
                    }
                }
            }
        }
    }
}

/// Raw feature counts of one text, in order of first occurrence.
public struct FeatureCounts: Sendable, Hashable {
    public var keys: [UInt64] = []
    public var blocks: [FeatureBlock] = []
    public var counts: [Float] = []

    public init() {}
}

/// What a feature is, for people: its block and its text ("card arrived", " refu").
public struct FeatureName: Sendable, Hashable, Codable, CustomStringConvertible {
    public var block: FeatureBlock
    public var text: String

    public init(block: FeatureBlock, text: String) {
        self.block = block
        self.text = text
    }

    public var description: String {
        switch block {
        case .word: return "word \"\(text)\""
        case .character: return "chars \"\(text)\""
        }
    }
}
