public import SwitchyardText

/// Why the model chose what it chose, computed from the model itself: for the winner and the
/// runner-up, the bias and each feature's contribution (value × weight). The bias plus all
/// contributions is the label's logit; `contributions` lists the largest by magnitude and
/// `remainder` sums the rest, so the parts always add up.
public struct IntentExplanation: Sendable, Hashable {
    public var prediction: IntentPrediction
    public var winner: LabelEvidence
    public var runnerUp: LabelEvidence?
    /// winner.logit − runnerUp.logit (0 with a single label).
    public var margin: Float
}

/// The evidence for one label.
public struct LabelEvidence: Sendable, Hashable {
    public var label: String
    public var logit: Float
    public var probability: Double
    public var bias: Float
    public var contributions: [FeatureContribution]
    /// Sum of the contributions not listed.
    public var remainder: Float
}

/// One feature's part in a label's logit.
public struct FeatureContribution: Sendable, Hashable {
    public var feature: FeatureName
    /// The feature's TF-IDF value in this text.
    public var value: Float
    /// The model's weight of the feature for the label.
    public var weight: Float
    /// value × weight.
    public var contribution: Float
}

extension IntentModel {
    /// Classifies and explains a text; `topFeatures` bounds the contributions listed per label.
    public func explain(subject: String = "", body: String, topFeatures: Int = 10) -> IntentExplanation {
        let vector = vectorizer.vector(subject: subject, body: body)
        let names = vectorizer.extractor.names(subject: subject, body: body)
        let z = logits(vector)
        let prediction = prediction(logits: z)
        let p = probabilities(z)
        let order = z.indices.sorted { z[$0] > z[$1] || (z[$0] == z[$1] && $0 < $1) }
        func evidence(_ label: Int) -> LabelEvidence {
            // Same order of addition as `logits`, so bias + Σ contributions reproduces the logit.
            var all: [FeatureContribution] = []
            for (k, index) in vector.indices.enumerated() {
                let w = weights.weight(row: Int(index), label: label)
                guard w != 0 else { continue }
                let key = vectorizer.keys[Int(index)]
                let name =
                    names[key]
                    ?? FeatureName(
                        block: Int(index) < vectorizer.wordFeatureCount ? .word : .character,
                        text: "#\(key)")
                all.append(
                    FeatureContribution(
                        feature: name, value: vector.values[k], weight: w,
                        contribution: vector.values[k] * w))
            }
            let ranked = all.indices.sorted {
                abs(all[$0].contribution) > abs(all[$1].contribution)
                    || (abs(all[$0].contribution)
                        == abs(all[$1].contribution) && $0 < $1)
            }
            let shown = Set(ranked.prefix(max(0, topFeatures)))
            var remainder: Float = 0
            for i in all.indices where !shown.contains(i) { remainder += all[i].contribution }
            return LabelEvidence(
                label: labels[label], logit: z[label], probability: p[label], bias: bias[label],
                contributions: ranked.prefix(max(0, topFeatures)).map { all[$0] }, remainder: remainder)
        }
        let winner = evidence(order[0])
        let runnerUp = order.count > 1 ? evidence(order[1]) : nil
        return IntentExplanation(
            prediction: prediction, winner: winner, runnerUp: runnerUp,
            margin: runnerUp.map { winner.logit - $0.logit } ?? 0)
    }
}
