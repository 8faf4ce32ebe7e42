public import SwitchyardText

/// Everything a model file says about itself, stored as JSON at the start of the file: what it
/// classifies, how its features are computed, what it was trained on and how well it did.
public struct IntentModelMetadata: Sendable, Hashable, Codable {
    public static let formatName = "switchyard-intent"

    public var format: String
    public var formatVersion: Int
    public var name: String
    /// ISO 8601 UTC time of training (passed in, so that training stays reproducible).
    public var createdAt: String
    public var labels: [String]
    /// The label that means "none of these" in the training data, if any (e.g. CLINC150's `oos`).
    public var outOfScopeLabel: String?
    public var featureSpace: FeatureSpace
    public var training: TrainingRecord
    public var calibration: CalibrationRecord
    public var metrics: DevMetrics
}

/// How a model was trained.
public struct TrainingRecord: Sendable, Hashable, Codable {
    public var examples: Int
    public var trainExamples: Int
    public var devExamples: Int
    public var devFraction: Double
    public var seed: UInt64
    /// SHA-256 of the examples in input order (label, NUL, subject, NUL, body, LF each).
    public var dataSHA256: String
    public var l2: Double
    public var iterations: Int
    public var bestIteration: Int
    public var features: Int
    /// Weights kept after pruning, and the magnitude below which weights were dropped.
    public var storedWeights: Int
    public var pruneThreshold: Double
}

/// Probability calibration and abstention, fitted on the dev split.
public struct CalibrationRecord: Sendable, Hashable, Codable {
    public var temperature: Double
    /// Expected calibration error (15 equal-width bins of the top probability) on dev.
    public var eceBefore: Double
    public var eceAfter: Double
    public var threshold: Double
    /// The largest loss of in-scope dev accuracy the threshold was allowed to cost.
    public var abstentionBudget: Double
}

/// Dev-split metrics recorded at training time (of the model as stored: pruned and quantised).
public struct DevMetrics: Sendable, Hashable, Codable {
    public var accuracy: Double
    public var macroF1: Double
    public var accuracyBeforePruning: Double
    public var inScopeAccuracy: Double?
    public var inScopeAccuracyWithThreshold: Double?
    public var outOfScopeRecall: Double?
    public var outOfScopeRecallWithThreshold: Double?
    public var abstained: Double
}
