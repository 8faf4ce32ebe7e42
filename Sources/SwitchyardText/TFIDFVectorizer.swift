#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fitted feature space: the features kept from training (by hash key), their inverse document
/// frequencies, and the mapping of a text to a sparse TF-IDF vector (see `FeatureSpace`).
///
/// Feature indices: the word block first, then the character block; ascending keys within each
/// block. The order depends only on the keys, never on dictionary iteration order.
public struct TFIDFVectorizer: Sendable {
    public let extractor: FeatureExtractor
    /// Feature index → hash key.
    public let keys: [UInt64]
    /// Feature index → inverse document frequency.
    public let idf: [Float]
    /// Features [0, wordFeatureCount) are word n-grams; the rest character n-grams.
    public let wordFeatureCount: Int
    let table: FeatureTable

    public var space: FeatureSpace { extractor.space }
    public var featureCount: Int { keys.count }

    /// A vectorizer from stored parts (a model file). Throws when they do not fit together.
    public init(space: FeatureSpace, keys: [UInt64], idf: [Float], wordFeatureCount: Int) throws(FeatureSpaceError) {
        guard keys.count == idf.count, (0...keys.count).contains(wordFeatureCount) else {
            throw FeatureSpaceError("feature table sizes disagree: \(keys.count) keys, \(idf.count) idf values")
        }
        guard space.version == FeatureSpace.currentVersion else {
            throw FeatureSpaceError("feature space version \(space.version) is not supported")
        }
        self.extractor = FeatureExtractor(space: space)
        self.keys = keys
        self.idf = idf
        self.wordFeatureCount = wordFeatureCount
        self.table = try FeatureTable(keys: keys)
    }

    /// Keeps the features found in at least `space.minDocumentFrequency` of `documents` and
    /// computes their IDF.
    public static func fit(space: FeatureSpace, documents: [FeatureCounts]) throws(FeatureSpaceError) -> TFIDFVectorizer
    {
        var df: [UInt64: (block: FeatureBlock, count: Int)] = [:]
        for document in documents {
            for (k, key) in document.keys.enumerated() {
                df[key, default: (document.blocks[k], 0)].count += 1
            }
        }
        let minDF = max(1, space.minDocumentFrequency)
        var word: [UInt64] = []
        var character: [UInt64] = []
        for (key, entry) in df where entry.count >= minDF {
            if entry.block == .word { word.append(key) } else { character.append(key) }
        }
        word.sort()
        character.sort()
        let keys = word + character
        let n = Double(documents.count)
        let idf = keys.map { key -> Float in
            let documentFrequency = Double(df[key]?.count ?? 0)
            return Float(log((1 + n) / (1 + documentFrequency)) + 1)
        }
        return try TFIDFVectorizer(space: space, keys: keys, idf: idf, wordFeatureCount: word.count)
    }

    /// Index of the feature with this key, if the model has it.
    public func index(of key: UInt64) -> Int? {
        table.index(of: key)
    }

    /// The TF-IDF vector of a text (only features the vectorizer knows).
    public func vector(subject: String, body: String) -> SparseVector {
        var slots = [Int32](repeating: -1, count: keys.count)
        var indices: [Int32] = []
        var counts: [Float] = []
        extractor.forEachOccurrence(subject: subject, body: body, named: false) { key, _, weight, _ in
            guard let index = table.index(of: key) else { return }
            let slot = slots[index]
            if slot >= 0 {
                counts[Int(slot)] += weight
            } else {
                slots[index] = Int32(indices.count)
                indices.append(Int32(index))
                counts.append(weight)
            }
        }
        return weigh(indices: indices, counts: counts)
    }

    /// The TF-IDF vector of already extracted counts.
    public func vector(_ document: FeatureCounts) -> SparseVector {
        var indices: [Int32] = []
        var counts: [Float] = []
        indices.reserveCapacity(document.keys.count)
        counts.reserveCapacity(document.keys.count)
        for (k, key) in document.keys.enumerated() {
            guard let index = table.index(of: key) else { continue }
            indices.append(Int32(index))
            counts.append(document.counts[k])
        }
        return weigh(indices: indices, counts: counts)
    }

    private func weigh(indices: [Int32], counts: [Float]) -> SparseVector {
        var values = [Float](repeating: 0, count: indices.count)
        var wordNorm = 0.0
        var charNorm = 0.0
        for (k, index) in indices.enumerated() {
            let count = counts[k]
            let tf = space.sublinearTF && count >= 1 ? 1 + Float(log(Double(count))) : count
            let value = tf * idf[Int(index)]
            values[k] = value
            let square = Double(value) * Double(value)
            if Int(index) < wordFeatureCount { wordNorm += square } else { charNorm += square }
        }
        let wordScale = wordNorm > 0 ? Float(1 / wordNorm.squareRoot()) : 0
        let charScale = charNorm > 0 ? Float(1 / charNorm.squareRoot()) : 0
        for (k, index) in indices.enumerated() {
            values[k] *= Int(index) < wordFeatureCount ? wordScale : charScale
        }
        return SparseVector(indices: indices, values: values)
    }
}

/// A sparse feature vector: parallel arrays of feature indices and values.
public struct SparseVector: Sendable, Hashable {
    public var indices: [Int32]
    public var values: [Float]

    public init(indices: [Int32], values: [Float]) {
        self.indices = indices
        self.values = values
    }
}

/// A feature space that cannot be built or loaded as stored.
public struct FeatureSpaceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
