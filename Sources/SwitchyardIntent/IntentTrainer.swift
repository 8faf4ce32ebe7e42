import Crypto
import SwitchyardText

/// Trains an `IntentModel` from labelled examples: stratified dev split, TF-IDF features fitted on
/// the training part, L2-regularised multinomial logistic regression by L-BFGS with early
/// stopping on dev, pruning and quantisation, then temperature scaling and the abstention
/// threshold fitted on dev predictions of the final (stored) weights.
public struct IntentTrainer: Sendable {
    public var configuration: IntentTrainingConfiguration

    public init(configuration: IntentTrainingConfiguration = IntentTrainingConfiguration()) {
        self.configuration = configuration
    }

    /// What training produced, with the split it used.
    public struct Result: Sendable {
        public var model: IntentModel
        public var split: DatasetSplit
    }

    public func train(_ examples: [LabeledExample], progress: (IntentTrainingEvent) -> Void = { _ in }) throws -> Result
    {
        let config = configuration
        let labels = Array(Set(examples.map(\.label))).sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
        guard labels.count >= 2 else {
            throw IntentModelError("training needs at least two labels, found \(labels.count)")
        }
        guard labels.count <= Int(UInt16.max) else { throw IntentModelError("too many labels (\(labels.count))") }
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let split = DatasetSplit(labels: examples.map(\.label), devFraction: config.devFraction, seed: config.seed)

        let extractor = FeatureExtractor(space: config.featureSpace)
        var counts = [FeatureCounts](repeating: FeatureCounts(), count: examples.count)
        counts.withUnsafeMutableBufferPointer { out in
            let shared = UncheckedSendable(out)
            forEachPart(examples.count, parts: config.threads) { _, range in
                for i in range {
                    shared.value[i] = extractor.counts(subject: examples[i].subject, body: examples[i].body)
                }
            }
        }
        let vectorizer = try TFIDFVectorizer.fit(space: config.featureSpace, documents: split.train.map { counts[$0] })
        let trainVectors = split.train.map { vectorizer.vector(counts[$0]) }
        let devVectors = split.dev.map { vectorizer.vector(counts[$0]) }
        let trainGold = split.train.map { Int32(labelIndex[examples[$0].label] ?? 0) }
        let devGold = split.dev.map { labelIndex[examples[$0].label] ?? 0 }
        progress(
            .extracted(
                features: vectorizer.featureCount, trainExamples: split.train.count, devExamples: split.dev.count))

        let k = labels.count
        let f = vectorizer.featureCount
        let objective = SoftmaxObjective(
            matrix: TrainingMatrix(vectors: trainVectors, columns: f), labels: trainGold, labelCount: k,
            l2: Float(config.l2), threads: config.threads)
        var residual = [Float](repeating: 0, count: split.train.count * k)
        var best: (theta: [Float], accuracy: Double, loss: Double, iteration: Int)?
        var sinceBest = 0
        var optimizer = LBFGS()
        optimizer.maxIterations = config.maxIterations
        let outcome = optimizer.minimize(
            start: [Float](repeating: 0, count: objective.parameterCount),
            evaluate: { theta, gradient in objective.evaluate(theta, gradient: &gradient, residual: &residual) },
            observe: { iteration, theta, loss in
                guard !devVectors.isEmpty else {
                    progress(.iteration(iteration, loss: loss, devAccuracy: nil))
                    return .proceed
                }
                let (accuracy, devLoss) = DenseScorer(theta: theta, features: f, labels: k).accuracyAndLoss(
                    devVectors, devGold)
                progress(.iteration(iteration, loss: loss, devAccuracy: accuracy))
                if let current = best,
                    accuracy < current.accuracy || (accuracy == current.accuracy && devLoss >= current.loss)
                {
                    sinceBest += 1
                    return sinceBest >= config.patience ? .stop : .proceed
                }
                best = (theta, accuracy, devLoss, iteration)
                sinceBest = 0
                return .proceed
            })
        let theta = best?.theta ?? outcome.theta
        let bestIteration = best?.iteration ?? outcome.iterations

        let threshold = Self.pruneThreshold(
            theta, count: f * k, budget: config.weightBudget, minimum: Float(config.minimumWeight))
        let weights = try QuantizedWeights(dense: Array(theta[0..<(f * k)]), rows: f, labels: k, threshold: threshold)
        let bias = Array(theta[(f * k)...])
        let dataHash = Self.dataHash(examples)
        let outOfScope = config.outOfScopeLabel.flatMap { labels.contains($0) ? $0 : nil }
        let record = TrainingRecord(
            examples: examples.count, trainExamples: split.train.count, devExamples: split.dev.count,
            devFraction: config.devFraction, seed: config.seed, dataSHA256: dataHash, l2: config.l2,
            iterations: outcome.iterations, bestIteration: bestIteration, features: f,
            storedWeights: weights.entryCount,
            pruneThreshold: Double(threshold))
        let metadata = IntentModelMetadata(
            format: IntentModelMetadata.formatName, formatVersion: Int(IntentModel.fileFormatVersion),
            name: config.name,
            createdAt: ISO8601.utc(seconds: config.createdAt), labels: labels, outOfScopeLabel: outOfScope,
            featureSpace: config.featureSpace, training: record,
            calibration: CalibrationRecord(
                temperature: 1, eceBefore: 0, eceAfter: 0, threshold: 0,
                abstentionBudget: config.abstentionBudget),
            metrics: DevMetrics(accuracy: 0, macroF1: 0, accuracyBeforePruning: best?.accuracy ?? 0, abstained: 0))
        var model = try IntentModel(metadata: metadata, vectorizer: vectorizer, weights: weights, bias: bias)
        model = try calibrate(model, devVectors: devVectors, devGold: devGold, progress: progress)
        return Result(model: model, split: split)
    }

    /// Fits temperature and threshold on dev predictions of the stored weights and records the
    /// dev metrics.
    private func calibrate(
        _ model: IntentModel, devVectors: [SparseVector], devGold: [Int],
        progress: (IntentTrainingEvent) -> Void
    ) throws -> IntentModel {
        guard !devVectors.isEmpty else { return model }
        let logits = devVectors.map { model.logits($0) }
        let temperature = Calibration.fitTemperature(logits: logits, gold: devGold)
        let top = logits.map { z in z.indices.max { z[$0] < z[$1] || (z[$0] == z[$1] && $0 > $1) } ?? 0 }
        let correct = top.indices.map { top[$0] == devGold[$0] }
        let rawConfidence = logits.map { IntentModel.softmax($0, temperature: 1).max() ?? 0 }
        let confidence = logits.map { IntentModel.softmax($0, temperature: temperature).max() ?? 0 }
        let inScope = devGold.map { model.outOfScopeIndex != $0 }
        let threshold = Calibration.abstentionThreshold(
            confidence: confidence, correct: correct, inScope: inScope,
            budget: configuration.abstentionBudget)
        var calibration = model.metadata.calibration
        calibration.temperature = temperature
        calibration.eceBefore = Calibration.expectedCalibrationError(confidence: rawConfidence, correct: correct)
        calibration.eceAfter = Calibration.expectedCalibrationError(confidence: confidence, correct: correct)
        calibration.threshold = threshold
        var calibrated = try model.with(calibration: calibration)
        let predictions = logits.map { calibrated.prediction(logits: $0) }
        let evaluation = IntentEvaluation(
            gold: devGold.map { model.labels[$0] }, predictions: predictions,
            outOfScopeLabel: model.metadata.outOfScopeLabel)
        var metadata = calibrated.metadata
        metadata.metrics = DevMetrics(
            accuracy: evaluation.accuracy, macroF1: evaluation.macroF1,
            accuracyBeforePruning: model.metadata.metrics.accuracyBeforePruning,
            inScopeAccuracy: evaluation.inScopeAccuracy,
            inScopeAccuracyWithThreshold: evaluation.inScopeAccuracyWithThreshold,
            outOfScopeRecall: evaluation.outOfScopeRecall,
            outOfScopeRecallWithThreshold: evaluation.outOfScopeRecallWithThreshold,
            abstained: evaluation.abstained)
        calibrated = try IntentModel(
            metadata: metadata, vectorizer: calibrated.vectorizer, weights: calibrated.weights,
            bias: calibrated.bias)
        progress(
            .pruned(
                storedWeights: calibrated.weights.entryCount, threshold: calibrated.metadata.training.pruneThreshold,
                devAccuracy: evaluation.accuracy))
        return calibrated
    }

    /// The magnitude below which weights are dropped: the budget-th largest magnitude when there
    /// are more weights than the budget, and never less than `minimum`.
    static func pruneThreshold(_ theta: [Float], count: Int, budget: Int, minimum: Float) -> Float {
        var magnitudes: [Float] = []
        magnitudes.reserveCapacity(count)
        for i in 0..<count where abs(theta[i]) >= minimum { magnitudes.append(abs(theta[i])) }
        guard budget > 0, magnitudes.count > budget else { return minimum }
        magnitudes.sort(by: >)
        // Strictly above the first dropped magnitude, so ties do not overshoot the budget.
        return max(minimum, magnitudes[budget].nextUp)
    }

    static func dataHash(_ examples: [LabeledExample]) -> String {
        var hash = Crypto.SHA256()
        for e in examples {
            hash.update(data: Array(e.label.utf8) + [0] + Array(e.subject.utf8) + [0] + Array(e.body.utf8) + [0x0A])
        }
        let digits = Array("0123456789abcdef")
        return String(hash.finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}

/// Scores documents with the dense training parameters (during training, before quantisation).
struct DenseScorer {
    let theta: [Float]
    let features: Int
    let labels: Int

    func accuracyAndLoss(_ vectors: [SparseVector], _ gold: [Int]) -> (Double, Double) {
        var right = 0
        var loss = 0.0
        var z = [Float](repeating: 0, count: labels)
        for (i, v) in vectors.enumerated() {
            for j in 0..<labels { z[j] = theta[features * labels + j] }
            for (e, index) in v.indices.enumerated() {
                let base = Int(index) * labels
                let x = v.values[e]
                for j in 0..<labels { z[j] += x * theta[base + j] }
            }
            var best = 0
            for j in 1..<labels where z[j] > z[best] { best = j }
            if best == gold[i] { right += 1 }
            let p = IntentModel.softmax(z, temperature: 1)
            loss -= (p[gold[i]] > 0 ? logarithm(p[gold[i]]) : -80)
        }
        let n = Double(max(1, vectors.count))
        return (Double(right) / n, loss / n)
    }
}
