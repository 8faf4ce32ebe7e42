public import SwitchyardText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A trained intent classifier: a multinomial logistic regression over a fixed TF-IDF feature
/// space, with a calibration temperature and an abstention threshold. Immutable and `Sendable`;
/// one instance serves any number of concurrent classifications.
///
/// Weights are stored sparsely (tiny weights pruned at training time) and quantised to 16 bits
/// per feature row; the scores it computes are exactly those of the stored file.
public struct IntentModel: Sendable {
    public let metadata: IntentModelMetadata
    public let vectorizer: TFIDFVectorizer
    public var labels: [String] { metadata.labels }
    /// Softmax temperature fitted on the dev split (probabilities are softmax(logits / T)).
    public var temperature: Double { metadata.calibration.temperature }
    /// Below this calibrated probability of the best label the model abstains.
    public var threshold: Double { metadata.calibration.threshold }

    let weights: QuantizedWeights
    let bias: [Float]
    let outOfScopeIndex: Int?

    init(metadata: IntentModelMetadata, vectorizer: TFIDFVectorizer, weights: QuantizedWeights, bias: [Float])
        throws(IntentModelError)
    {
        guard bias.count == metadata.labels.count, !metadata.labels.isEmpty else {
            throw IntentModelError("\(metadata.labels.count) labels but \(bias.count) biases")
        }
        guard weights.rowCount == vectorizer.featureCount else {
            throw IntentModelError("\(vectorizer.featureCount) features but \(weights.rowCount) weight rows")
        }
        guard weights.labelCount == metadata.labels.count else {
            throw IntentModelError("weights for \(weights.labelCount) labels, metadata lists \(metadata.labels.count)")
        }
        self.metadata = metadata
        self.vectorizer = vectorizer
        self.weights = weights
        self.bias = bias
        self.outOfScopeIndex = metadata.outOfScopeLabel.flatMap { metadata.labels.firstIndex(of: $0) }
    }

    /// The same model with other calibration values (used by training once they are fitted).
    func with(calibration: CalibrationRecord) throws(IntentModelError) -> IntentModel {
        var metadata = metadata
        metadata.calibration = calibration
        return try IntentModel(metadata: metadata, vectorizer: vectorizer, weights: weights, bias: bias)
    }

    /// Raw scores (logits), one per label: bias + Σ value × weight, summed in the vector's order.
    public func logits(_ vector: SparseVector) -> [Float] {
        var z = bias
        z.withUnsafeMutableBufferPointer { z in
            for (k, index) in vector.indices.enumerated() {
                weights.accumulate(row: Int(index), scale: vector.values[k], into: z)
            }
        }
        return z
    }

    /// Classifies a message from its subject and new body text.
    public func classify(subject: String = "", body: String) -> IntentPrediction {
        classify(vector: vectorizer.vector(subject: subject, body: body))
    }

    /// Classifies an already vectorised text.
    public func classify(vector: SparseVector) -> IntentPrediction {
        prediction(logits: logits(vector))
    }

    func probabilities(_ logits: [Float]) -> [Double] {
        Self.softmax(logits, temperature: temperature)
    }

    static func softmax(_ logits: [Float], temperature: Double) -> [Double] {
        let t = temperature > 0 ? temperature : 1
        let maxZ = Double(logits.max() ?? 0)
        let e = logits.map { exp((Double($0) - maxZ) / t) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    func prediction(logits: [Float], rankingSize: Int = 5) -> IntentPrediction {
        let p = probabilities(logits)
        let order = p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }
        let best = order[0]
        let belowThreshold = p[best] < threshold
        let outOfScope = best == outOfScopeIndex
        let ranking = order.prefix(max(1, rankingSize)).map {
            LabelScore(label: labels[$0], logit: logits[$0], probability: p[$0])
        }
        return IntentPrediction(
            label: belowThreshold || outOfScope ? nil : labels[best],
            topLabel: labels[best], probability: p[best],
            abstention: outOfScope ? .outOfScope : (belowThreshold ? .belowThreshold : nil),
            ranking: ranking)
    }
}

/// A model that cannot be built or loaded.
public struct IntentModelError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The result of classifying one text.
public struct IntentPrediction: Sendable, Hashable {
    /// The intent, or nil when the model abstains ("unknown").
    public var label: String?
    /// The best-scoring label, even when the model abstains.
    public var topLabel: String
    /// Calibrated probability of `topLabel`.
    public var probability: Double
    /// Why the model abstained, if it did.
    public var abstention: Abstention?
    /// The best labels, most probable first.
    public var ranking: [LabelScore]

    public var abstained: Bool { abstention != nil }

    /// Reasons for answering "unknown".
    public enum Abstention: String, Sendable, Hashable, Codable {
        /// The best label is the model's out-of-scope class (CLINC150's `oos`).
        case outOfScope = "out_of_scope"
        /// The best label's calibrated probability is below the model's threshold.
        case belowThreshold = "below_threshold"
    }
}

/// One label's score.
public struct LabelScore: Sendable, Hashable, Codable {
    public var label: String
    public var logit: Float
    public var probability: Double
}
