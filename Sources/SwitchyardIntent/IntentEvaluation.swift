/// Metrics of a model on a labelled set: accuracy, macro-F1, per-label precision/recall/F1, the
/// most frequent confusions, the abstention rate and, for sets with an out-of-scope label,
/// in-scope accuracy and out-of-scope recall with and without the abstention threshold.
///
/// `accuracy` compares the best label with the gold label (abstention not applied), which is the
/// figure comparable with other classifiers; `abstained` is the fraction answered "unknown".
public struct IntentEvaluation: Sendable, Hashable, Codable {
    public var documents: Int
    public var accuracy: Double
    public var macroF1: Double
    public var perLabel: [String: LabelMetrics]
    public var confusion: [Confusion]
    public var abstained: Double
    /// Accuracy counting an abstention as correct only for out-of-scope gold rows.
    public var accuracyWithAbstention: Double
    public var inScopeAccuracy: Double?
    public var inScopeAccuracyWithThreshold: Double?
    public var outOfScopeRecall: Double?
    public var outOfScopeRecallWithThreshold: Double?
    public var docsPerSecond: Double?

    enum CodingKeys: String, CodingKey {
        case documents, accuracy, abstained, confusion
        case macroF1 = "macro_f1"
        case perLabel = "per_label"
        case accuracyWithAbstention = "accuracy_with_abstention"
        case inScopeAccuracy = "in_scope_accuracy"
        case inScopeAccuracyWithThreshold = "in_scope_accuracy_with_threshold"
        case outOfScopeRecall = "oos_recall"
        case outOfScopeRecallWithThreshold = "oos_recall_with_threshold"
        case docsPerSecond = "docs_per_second"
    }

    /// Precision, recall and F1 of one label.
    public struct LabelMetrics: Sendable, Hashable, Codable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    /// Gold label predicted as another label, and how often.
    public struct Confusion: Sendable, Hashable, Codable {
        public var gold: String
        public var predicted: String
        public var count: Int
    }

    /// Computes the metrics; `gold[i]` is the true label of the row classified as `predictions[i]`.
    public init(gold: [String], predictions: [IntentPrediction], outOfScopeLabel: String?, topConfusions: Int = 20) {
        let n = gold.count
        documents = n
        var correct = 0
        var answeredRight = 0
        var abstainedCount = 0
        var truePositive: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var support: [String: Int] = [:]
        var pairs: [String: [String: Int]] = [:]
        var inScope = 0
        var inScopeRight = 0
        var inScopeRightThreshold = 0
        var oos = 0
        var oosFound = 0
        var oosFoundThreshold = 0
        for (i, p) in predictions.enumerated() where i < n {
            let g = gold[i]
            support[g, default: 0] += 1
            predictedCount[p.topLabel, default: 0] += 1
            if p.topLabel == g {
                correct += 1
                truePositive[g, default: 0] += 1
            } else {
                pairs[g, default: [:]][p.topLabel, default: 0] += 1
            }
            if p.abstained { abstainedCount += 1 }
            let isOOS = outOfScopeLabel == g
            if isOOS ? p.abstained : (!p.abstained && p.label == g) { answeredRight += 1 }
            if outOfScopeLabel != nil {
                if isOOS {
                    oos += 1
                    if p.topLabel == g { oosFound += 1 }
                    if p.abstained { oosFoundThreshold += 1 }
                } else {
                    inScope += 1
                    if p.topLabel == g { inScopeRight += 1 }
                    if !p.abstained && p.label == g { inScopeRightThreshold += 1 }
                }
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
        accuracy = ratio(correct, n)
        abstained = ratio(abstainedCount, n)
        accuracyWithAbstention = ratio(answeredRight, n)
        var metrics: [String: LabelMetrics] = [:]
        for label in Set(support.keys).union(predictedCount.keys) {
            let tp = truePositive[label] ?? 0
            let precision = ratio(tp, predictedCount[label] ?? 0)
            let recall = ratio(tp, support[label] ?? 0)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            metrics[label] = LabelMetrics(precision: precision, recall: recall, f1: f1, support: support[label] ?? 0)
        }
        perLabel = metrics
        // Macro average over the labels present in the gold data (as scikit-learn does with labels=gold).
        let goldLabels = support.keys.sorted()
        macroF1 =
            goldLabels.isEmpty ? 0 : goldLabels.reduce(0) { $0 + (metrics[$1]?.f1 ?? 0) } / Double(goldLabels.count)
        var all: [Confusion] = []
        for (g, row) in pairs { for (p, c) in row { all.append(Confusion(gold: g, predicted: p, count: c)) } }
        all.sort { ($0.count, $1.gold, $1.predicted) > ($1.count, $0.gold, $0.predicted) }
        confusion = Array(all.prefix(max(0, topConfusions)))
        if outOfScopeLabel != nil, oos + inScope > 0 {
            inScopeAccuracy = ratio(inScopeRight, inScope)
            inScopeAccuracyWithThreshold = ratio(inScopeRightThreshold, inScope)
            outOfScopeRecall = ratio(oosFound, oos)
            outOfScopeRecallWithThreshold = ratio(oosFoundThreshold, oos)
        }
    }
}
