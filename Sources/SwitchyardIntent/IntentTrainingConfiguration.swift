public import SwitchyardText

/// Settings of `IntentTrainer`. Every default is the one the shipped models were built with.
public struct IntentTrainingConfiguration: Sendable, Hashable {
    public var featureSpace = FeatureSpace()
    /// Fraction of each label's examples held out as the dev split (early stopping, calibration,
    /// threshold, reported metrics). 0 trains on everything and skips those steps.
    public var devFraction = 0.1
    /// Seed of the dev split (the optimiser itself is deterministic and needs none).
    public var seed: UInt64 = 42
    /// L2 penalty λ of the objective (per-example mean loss + λ/2 ‖W‖²).
    public var l2 = 3e-6
    public var maxIterations = 300
    /// Stop after this many iterations without a better dev score.
    public var patience = 25
    /// Threads for the gradient (results do not depend on it beyond float summation order,
    /// which is fixed for a given thread count).
    public var threads = 2
    /// At most this many weights are stored (the smallest are pruned): bounds the file size.
    public var weightBudget = 1_500_000
    /// Weights smaller than this are always pruned.
    public var minimumWeight = 1e-4
    /// The abstention threshold may cost at most this much in-scope dev accuracy (0.01 = 1 point).
    public var abstentionBudget = 0.01
    /// The training label meaning "none of these", when the data has one.
    public var outOfScopeLabel: String? = "oos"
    /// Model name stored in the file.
    public var name = "intent"
    /// Creation time stored in the file, as seconds since 1970 (fixed, so same seed + same data
    /// + same time gives byte-identical files).
    public var createdAt: Int64 = 0

    public init() {}
}

/// Progress reported while training.
public enum IntentTrainingEvent: Sendable {
    case extracted(features: Int, trainExamples: Int, devExamples: Int)
    case iteration(Int, loss: Double, devAccuracy: Double?)
    case pruned(storedWeights: Int, threshold: Double, devAccuracy: Double?)
}
